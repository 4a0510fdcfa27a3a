import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ResidentFactory } from '../../sim/population/resident.ts';
import { stream } from '../../sim/random/index.ts';
import { type Canary, canaryNeedles, latinToCyrillic, MIN_NEEDLE_BYTES, markerCanary } from './canary.ts';
import { CanaryScanner } from './canary-scanner.ts';

const canary: Canary = {
  surname: 'Жолдасбекова',
  givenName: 'Әйгерім',
  patronymic: 'Ерланқызы',
  iin: '900215400123',
  birthDate: '1990-02-15',
  documentNumber: 'N12345678',
};

describe('canary needles', () => {
  const needles = canaryNeedles(canary);
  const find = (field: string, encoding: string) =>
    needles.find((n) => n.field === field && n.encoding === encoding)?.bytes;

  it('encode each field every way the issue lists', () => {
    expect(find('surname', 'plain')?.toString()).toBe('Жолдасбекова');
    expect(find('surname', 'lower-case')?.toString()).toBe('жолдасбекова');
    expect(find('surname', 'transliterated')?.toString()).toBe('ZHOLDASBEKOVA');
    expect(find('surname', 'hex')?.toString()).toBe(Buffer.from('Жолдасбекова').toString('hex'));
    expect(find('surname', 'base64')?.toString()).toBe(Buffer.from('Жолдасбекова').toString('base64'));
    expect(find('surname', 'url-encoded')?.toString()).toBe(encodeURIComponent('Жолдасбекова'));
    expect(find('surname', 'utf-16le')).toEqual(Buffer.from('Жолдасбекова', 'utf16le'));
    expect(find('surname', 'utf-16be')?.[1]).toBe(Buffer.from('Жолдасбекова', 'utf16le')[0]);
    expect(find('surname', 'json-unicode-escaped')?.toString()).toMatch(/^\\u0416\\u043e/);
    expect(find('iin', 'sha256-hex')?.toString()).toBe(createHash('sha256').update(canary.iin).digest('hex'));
    expect(find('iin', 'md5-raw')).toEqual(createHash('md5').update(canary.iin).digest());
    expect(find('iin', 'sha1-base64')?.toString()).toBe(
      createHash('sha1').update(canary.iin).digest('base64'),
    );
    expect(find('birthDate', 'plain')?.toString()).toBe('1990-02-15');
    expect(find('birthDate', 'date-dd.mm.yyyy')?.toString()).toBe('15.02.1990');
    expect(find('documentNumber', 'plain')?.toString()).toBe('N12345678');
  });

  it('drops short and duplicate needles', () => {
    expect(needles.every((n) => n.bytes.length >= MIN_NEEDLE_BYTES)).toBe(true);
    const keys = needles.map((n) => n.bytes.toString('hex'));
    expect(new Set(keys).size).toBe(keys.length);
    // Digits have no case: the IIN's lower-case form is its plain form, kept once.
    expect(find('iin', 'lower-case')).toBeUndefined();
  });

  it('transliterates Latin names back to Cyrillic', () => {
    expect(latinToCyrillic('ZHOLDASBEKOVA')).toBe('ЖОЛДАСБЕКОВА');
    expect(latinToCyrillic('Shchukin')).toBe('ЩУКИН');
  });

  it('makes marker canaries from residents with unique surnames', () => {
    const factory = new ResidentFactory('canary-test');
    const r = stream('canary-test', 'markers');
    const canaries = Array.from({ length: 50 }, (_, k) => markerCanary(factory.resident(k), r));
    expect(new Set(canaries.map((c) => c.surname)).size).toBe(50);
    expect(canaries[0].iin).toBe(factory.resident(0).iin);
  });
});

describe('CanaryScanner', () => {
  const scanner = new CanaryScanner([canary]);

  it('finds a canary in every encoding, and inside embedded base64, hex and URL-encoded runs', () => {
    const json = JSON.stringify({ note: 'x', applicant: { iin: canary.iin, name: canary.surname } });
    const cases: [string, Uint8Array, RegExp][] = [
      ['plain', Buffer.from(`applicant ${canary.iin} at PSC`), /^iin plain$/],
      ['upper', Buffer.from('ЖОЛДАСБЕКОВА Әйгерім'), /surname upper-case/],
      ['latin', Buffer.from('{"surname":"Zholdasbekova"}'), /surname transliterated/],
      ['utf16', Buffer.from(`xx${canary.givenName}yy`, 'utf16le'), /givenName utf-16le/],
      [
        'sha256',
        Buffer.from(createHash('sha256').update(canary.iin).digest('hex').toUpperCase()),
        /iin (sha256-hex|hex>sha256-raw)/,
      ],
      [
        'raw digest',
        Buffer.concat([Buffer.from([1, 2, 3]), createHash('sha1').update(canary.iin).digest()]),
        /iin sha1-raw/,
      ],
      ['base64 json', Buffer.from(`payload=${Buffer.from(json).toString('base64')}`), /iin base64>plain/],
      // Hex keeps byte alignment, so every field of a hex-encoded document is found as hex directly.
      ['hex json', Buffer.from(`\\x${Buffer.from(json).toString('hex')}`), /iin hex/],
      [
        'hex inside base64',
        Buffer.from(Buffer.from(`k=${Buffer.from(canary.iin).toString('hex')}`).toString('base64')),
        /iin base64>/,
      ],
      [
        'url',
        Buffer.from(`GET /search?name=${encodeURIComponent(canary.surname)}&x=1`),
        /surname url-encoded/,
      ],
      ['date', Buffer.from('born 15.02.1990'), /birthDate date-dd\.mm\.yyyy/],
    ];
    for (const [name, bytes, expected] of cases) {
      const hits = scanner.scan(bytes, name).map((h) => `${h.field} ${h.encoding}`);
      expect(hits.join(', '), name).toMatch(expected);
    }
  });

  it('finds nothing in random bytes, templates-like noise and other people’s data', () => {
    let x = 7;
    const noise = Buffer.from(
      Array.from({ length: 200_000 }, () => {
        x = (x * 1103515245 + 12345) & 0x7fffffff;
        return x >> 16;
      }),
    );
    expect(scanner.scan(noise, 'noise')).toEqual([]);
    expect(scanner.scanText('Жолдасов Ерлан 900215300456 1990-02-16', 'other')).toEqual([]);
  });
});
