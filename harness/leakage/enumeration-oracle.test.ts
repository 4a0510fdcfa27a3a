import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stream } from '../../sim/random/index.ts';
import { enumerationOracle, mannWhitneyP, normaliseBody, type ResponseSample } from './enumeration-oracle.ts';

const random = stream('enumeration', 'samples');
const sample = (status: number, body: string, mean: number): ResponseSample => ({
  status,
  body: body.replace('{id}', randomUUID()),
  durationMs: Math.max(0.1, random.normal(mean, 2)),
});
const many = (n: number, f: () => ResponseSample) => Array.from({ length: n }, f);
const GENERIC = '{"code":"not-verified","message":"verification failed","requestId":"{id}"}';
const run = (a: ResponseSample[], b: ResponseSample[]) =>
  enumerationOracle(a, b, stream('enumeration', 'permutations'));

describe('enumeration oracle', () => {
  it('finds nothing when both kinds get the same answer in the same time', () => {
    const r = run(
      many(200, () => sample(422, GENERIC, 20)),
      many(200, () => sample(422, GENERIC, 20)),
    );
    expect(r.channels.map((c) => c.leaks)).toEqual([false, false, false, false]);
    expect(r.evidence.measurements?.leakingChannels.value).toBe(0);
    expect(r.outcome.successRate).toBeLessThan(0.6);
  });

  it('catches a distinct status code and message', () => {
    const r = run(
      many(100, () => sample(422, GENERIC, 20)),
      many(100, () =>
        sample(404, '{"code":"subject-not-found","message":"no such subject","requestId":"{id}"}', 20),
      ),
    );
    const leaks = r.channels.filter((c) => c.leaks).map((c) => c.channel);
    expect(leaks).toEqual(['status', 'body', 'length']);
    expect(r.outcome.successRate).toBe(1);
  });

  it('catches a timing difference of one standard deviation (the 1:1 comparison only enrolled subjects get)', () => {
    const r = run(
      many(300, () => sample(422, GENERIC, 22)),
      many(300, () => sample(422, GENERIC, 20)),
    );
    expect(r.channels.find((c) => c.channel === 'timing')).toMatchObject({ leaks: true });
    expect(r.evidence.summary).toMatch(/revealed by timing/);
  });

  it('ignores request ids and timestamps in bodies', () => {
    expect(normaliseBody(`{"requestId":"${randomUUID()}","at":"2025-01-01T10:00:00.123Z","n":123456}`)).toBe(
      '{"requestId":"<uuid>","at":"<time>","n":<number>}',
    );
  });

  it('computes Mann–Whitney p and refuses tiny samples', () => {
    expect(mannWhitneyP([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBeCloseTo(1, 2);
    expect(
      mannWhitneyP([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]),
    ).toBeLessThan(0.001);
    expect(() =>
      run(
        many(5, () => sample(200, '', 1)),
        many(20, () => sample(200, '', 1)),
      ),
    ).toThrow(/at least 10/);
  });
});
