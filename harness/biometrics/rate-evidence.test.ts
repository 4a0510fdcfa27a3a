import { describe, expect, it } from 'vitest';
import { requirements } from '../requirements/catalogue.ts';
import { judge } from '../requirements/verdict.ts';
import { rateEvidence } from './rate-evidence.ts';

const FNI = () => {
  const r = requirements().find((x) => x.id === 'BIO-FNI-01');
  if (!r) throw new Error('BIO-FNI-01 missing from the catalogue');
  return r;
};
const api = new Set(['api'] as const);

describe('an error rate as evidence', () => {
  it('carries errors and trials under the name the requirement judges, and the interval', () => {
    const e = rateEvidence({
      test: 'biometrics/deduplication-mated',
      rate: 'fnir',
      errors: 0,
      trials: 149,
      describes: 'x',
    });
    expect(e.outcome).toBe('measured');
    expect(e.measurements?.fnir).toMatchObject({ errors: 0, trials: 149, value: 0 });
    const d = e.details as { interval95: number[]; trialsToDemonstrateWithNoError: number };
    expect(d.interval95[0]).toBe(0);
    expect(d.interval95[1]).toBeGreaterThan(0.02);
    expect(d.trialsToDemonstrateWithNoError).toBe(149);
    expect(judge(FNI(), [e], api).verdict).toBe('pass');
  });

  it('fails the requirement when every mated search misses', () => {
    const e = rateEvidence({
      test: 'biometrics/deduplication-mated',
      rate: 'fnir',
      errors: 20,
      trials: 20,
      describes: 'x',
    });
    expect(judge(FNI(), [e], api).verdict).toBe('fail');
  });

  it('is an error, not a zero rate, when no trial completed', () => {
    const e = rateEvidence({
      test: 'biometrics/deduplication-mated',
      rate: 'fnir',
      errors: 0,
      trials: 0,
      describes: 'x',
    });
    expect(e.outcome).toBe('error');
    expect(judge(FNI(), [e], api).verdict).toBe('not-evaluated');
  });
});
