import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ResidentFactory } from '../../sim/population/resident.ts';
import { type Random, stream } from '../../sim/random/index.ts';
import {
  analyseIdentifiers,
  compareDeployments,
  type EnrolledIdentifier,
  entropyBits,
  identifierEvidence,
  mutualInformation,
  spearman,
} from './identifier-analysis.ts';

const N = 400;
const factory = new ResidentFactory('identifiers');
const people = Array.from({ length: N }, (_, k) => factory.resident(k));
const start = Date.UTC(2025, 0, 6, 9);

function hex(random: Random, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += random.int(16).toString(16);
  return s;
}

/** A UUIDv4 from a seeded stream: random in every way the tests look, and the same every run. */
function uuidV4(random: Random): string {
  const h = hex(random, 32).split('');
  h[12] = '4';
  h[16] = '89ab'[random.int(4)];
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function enrol(idOf: (k: number, random: Random) => string, seed = 'ids'): EnrolledIdentifier[] {
  const random = stream('identifiers', seed);
  return people.map((p, k) => ({
    subjectId: idOf(k, random),
    order: k,
    enrolledAt: start + k * 90_000,
    iin: p.iin,
    birthDate: p.birthDate,
    sex: p.sex,
  }));
}

const analyse = (ids: EnrolledIdentifier[]) =>
  analyseIdentifiers(ids, stream('identifiers', 'permutations'), 199);

describe('identifier analysis', () => {
  it('credits random UUIDv4s with 122 bits and flags nothing', () => {
    const a = analyse(enrol((_, r) => uuidV4(r)));
    expect(a.entropyBits).toBeCloseTo(122, 6);
    expect(a.uuidVersions).toEqual({ v4: N });
    expect(a.flags).toEqual([]);
    expect(identifierEvidence(a).measurements).toMatchObject({
      entropyBits: { value: 122 },
      dependenceFlags: { value: 0 },
    });
  });

  it('flags sequential identifiers and credits them few bits', () => {
    const a = analyse(enrol((k) => String(1000 + k)));
    expect(a.entropyBits).toBeLessThan(12);
    expect(a.order.rho).toBeCloseTo(1, 10);
    expect(a.flags.join('\n')).toMatch(/follows enrolment order/);
  });

  it('flags time-ordered UUIDv7s', () => {
    const a = analyse(
      enrol((k, r) => {
        const ms = (start + k * 90_000).toString(16).padStart(12, '0');
        const h = `${ms}7${hex(r, 3)}${'89ab'[r.int(4)]}${hex(r, 15)}`;
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
      }),
    );
    expect(a.flags.join('\n')).toMatch(/time-ordered \(UUIDv7\)/);
    expect(a.flags.join('\n')).toMatch(/follows enrolment time/);
  });

  it('flags identifiers that hash the IIN, even formatted as UUIDv4s', () => {
    const a = analyse(
      enrol((k) => {
        const h = createHash('sha256').update(people[k].iin).digest('hex').slice(0, 32).split('');
        h[12] = '4';
        h[16] = '8';
        const s = h.join('');
        return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
      }),
    );
    // Entropy alone cannot see it: a hash looks random.
    expect(a.entropyBits).toBeGreaterThan(115);
    expect(a.derivedFromIin).toBe(N);
  });

  it('finds a dependence on sex hidden in one character by mutual information', () => {
    const a = analyse(
      enrol((k, r) => {
        const u = uuidV4(r);
        const first = people[k].sex === 'M' ? '01234567'[r.int(8)] : '89abcdef'[r.int(8)];
        return first + u.slice(1);
      }),
    );
    expect(a.dependence.pair).toBe('id[0] × sex');
    expect(a.flags.join('\n')).toMatch(/depend on id\[0\] × sex/);
  });

  it('computes Spearman and mutual information as defined', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40]).rho).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1]).rho).toBeCloseTo(-1, 12);
    expect(mutualInformation([0, 0, 1, 1], [0, 0, 1, 1])).toBeCloseTo(1, 12);
    expect(mutualInformation([0, 1, 0, 1], [0, 0, 1, 1])).toBeCloseTo(0, 12);
    expect(entropyBits(['a'])).toBeNaN();
  });
});

describe('two deployments', () => {
  const a = enrol((_, r) => uuidV4(r), 'deployment-a').map((e) => e.subjectId);
  const b = enrol((_, r) => uuidV4(r), 'deployment-b').map((e) => e.subjectId);

  it('finds nothing between independent random identifiers', () => {
    const c = compareDeployments(a.map((x, i) => [x, b[i]]));
    expect(c.flags).toEqual([]);
    expect(c.bitAgreement).toBeCloseTo(0.5, 1);
  });

  it('flags equal identifiers and identifiers that differ in a few bits', () => {
    expect(compareDeployments(a.map((x) => [x, x.toUpperCase()])).flags[0]).toMatch(
      /400 of 400 people have the same identifier/,
    );
    const near = a.map((x, i): [string, string] => [
      x,
      (x[0] === '0' ? '1' : '0') + x.slice(1, 30) + b[i].slice(30),
    ]);
    const c = compareDeployments(near);
    expect(c.equal).toBe(0);
    expect(c.flags.join('\n')).toMatch(/agree on \d+\.\d % of bits/);
  });
});
