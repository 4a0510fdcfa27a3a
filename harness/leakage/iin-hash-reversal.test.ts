import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateIin } from '../../sim/population/iin.ts';
import { ResidentFactory } from '../../sim/population/resident.ts';
import { asDigestHex, iinsOfBirthDate, reverseIinDigest, reverseStoredDigests } from './iin-hash-reversal.ts';

const residents = [new ResidentFactory('hash-reversal').resident(0)];

function sha256AsUuidV4(iin: string): string {
  const h = createHash('sha256').update(iin).digest('hex').slice(0, 32).split('');
  h[12] = '4';
  h[16] = '8';
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

describe('IIN hash reversal', () => {
  it('enumerates about 18,000 valid IINs per birth date', () => {
    const all = iinsOfBirthDate('1990-02-15');
    // 2 sexes × 10,000 registration numbers, less the 1 in 121 with remainder 10 under both
    // weightings: 19,835 (the "about 18,000" undercounts; the point stands).
    expect(all.length).toBe(19_835);
    expect(all.every((i) => validateIin(i).valid)).toBe(true);
    expect(new Set(all).size).toBe(all.length);
  });

  it('reverses an unsalted SHA-256 of a real IIN from its birth date alone', () => {
    const r = residents[0];
    const digest = createHash('sha256').update(r.iin).digest('hex');
    const started = performance.now();
    const found = reverseIinDigest(digest, 'sha256', r.birthDate);
    const ms = performance.now() - started;
    // The figure the README quotes: a plain hash of an IIN falls in well under a second.
    console.log(`SHA-256 of an IIN reversed after ${found.tried} candidates in ${ms.toFixed(0)} ms`);
    expect(found.iin).toBe(r.iin);
    const keyed = createHmac('sha256', randomBytes(32)).update(r.iin).digest('hex');
    expect(reverseIinDigest(keyed, 'sha256', r.birthDate).iin).toBeNull();
  });

  it('recovers IINs from stored hex, base64, raw and UUID-shaped digests, not from random identifiers', () => {
    // Six people born the same day keep the dictionary to one date (60,000 digests).
    const born = '1987-11-03';
    const people = iinsOfBirthDate(born)
      .filter((_, i) => i % 3001 === 17)
      .slice(0, 6)
      .map((iin) => ({ iin, birthDate: born }));
    const [a, b, c, d, e, f] = people;
    const stored = [
      { value: createHash('md5').update(a.iin).digest('hex').toUpperCase(), location: 't.md5' },
      { value: createHash('sha1').update(b.iin).digest('base64'), location: 't.sha1' },
      { value: createHash('sha256').update(c.iin).digest(), location: 't.raw' },
      { value: sha256AsUuidV4(d.iin), location: 't.subject_id' },
      { value: randomUUID(), location: 't.random' },
      { value: createHmac('sha256', 'pepper').update(e.iin).digest('hex'), location: 't.hmac' },
      { value: 'not a digest', location: 't.text' },
    ];
    const r = reverseStoredDigests(
      stored,
      people.map((x) => x.iin),
      [born],
    );
    expect(r.reversed.map((x) => x.location).sort()).toEqual(['t.md5', 't.raw', 't.sha1', 't.subject_id']);
    expect(r.digestShapedValues).toBe(6);
    expect(r.outcome.successRate).toBeCloseTo(4 / 6, 10);
    expect(r.evidence.measurements?.reversedShare).toMatchObject({ errors: 4, trials: 6 });
    expect(reverseStoredDigests([], [f.iin], [f.birthDate]).evidence.measurements?.reversedShare.value).toBe(
      0,
    );
  });

  it('recognises digest shapes', () => {
    expect(asDigestHex('ab'.repeat(16))).toBe('ab'.repeat(16));
    expect(asDigestHex(new Uint8Array(20))).toBe('00'.repeat(20));
    expect(asDigestHex(new Uint8Array(12))).toBeNull();
    expect(asDigestHex('hello world')).toBeNull();
  });
});
