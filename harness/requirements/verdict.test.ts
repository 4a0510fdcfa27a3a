import { describe, expect, it } from 'vitest';
import { type Evidence, rate } from './evidence.ts';
import type { Capability, Requirement } from './requirement.ts';
import { judge, overallVerdict } from './verdict.ts';

const base: Requirement = {
  id: 'DEP-PII-01',
  family: 'DEP',
  title: 'No personal data in the fingerprint database',
  sources: [{ document: 'law-2016', clause: 'x' }],
  rationale: 'a rationale long enough',
  severity: 'critical',
  requires: ['api'],
  evidence: [
    { test: 'leakage/canary-storage', description: 'storage' },
    { test: 'leakage/canary-text', description: 'text' },
  ],
  verdict: { rule: 'at-most', measurement: 'canaryHits', limit: 0, unit: 'hits' },
};
const all = new Set<Capability>(['api', 'fingerprint-database', 'logs', 'metrics']);
const hits = (test: string, n: number): Evidence => ({
  test,
  outcome: 'measured',
  summary: `${n} hits`,
  measurements: { canaryHits: { value: n } },
});

describe('judge', () => {
  it('passes when every listed test measured within the limit', () => {
    const v = judge(base, [hits('leakage/canary-storage', 0), hits('leakage/canary-text', 0)], all);
    expect(v).toMatchObject({
      verdict: 'pass',
      reason: 'canaryHits = 0 hits (leakage/canary-storage), limit ≤ 0 hits',
    });
    expect(v.evidence).toHaveLength(2);
  });

  it('fails on the worst measurement across tests', () => {
    const v = judge(base, [hits('leakage/canary-storage', 0), hits('leakage/canary-text', 3)], all);
    expect(v.verdict).toBe('fail');
    expect(v.reason).toMatch(/canaryHits = 3 .*canary-text/);
  });

  it('never passes silently: no evidence, one test missing, errored, skipped or NaN', () => {
    expect(judge(base, [], all)).toMatchObject({
      verdict: 'not-evaluated',
      reason: expect.stringMatching(/no evidence from leakage\/canary-storage, leakage\/canary-text/),
    });
    expect(judge(base, [hits('leakage/canary-storage', 0)], all).verdict).toBe('not-evaluated');
    const errored: Evidence = {
      test: 'leakage/canary-text',
      outcome: 'error',
      summary: 'x',
      reason: 'logs unreadable',
    };
    expect(judge(base, [hits('leakage/canary-storage', 0), errored], all).reason).toMatch(
      /errored: logs unreadable/,
    );
    const skipped: Evidence = {
      test: 'leakage/canary-text',
      outcome: 'skipped',
      summary: 'no logs configured',
    };
    expect(judge(base, [hits('leakage/canary-storage', 0), skipped], all).reason).toMatch(/skipped: no logs/);
    const nan = hits('leakage/canary-text', Number.NaN);
    expect(judge(base, [hits('leakage/canary-storage', 0), nan], all).verdict).toBe('not-evaluated');
    const none: Evidence = { test: 'leakage/canary-text', outcome: 'measured', summary: 'nothing' };
    expect(judge({ ...base, evidence: [base.evidence[1]] }, [none], all).reason).toMatch(
      /no test reported the measurement 'canaryHits'/,
    );
  });

  it('a confirmed failure is a fail even when other evidence is missing', () => {
    const failed: Evidence = {
      test: 'leakage/canary-storage',
      outcome: 'fail',
      summary: 'IIN in vault.templates',
    };
    expect(judge(base, [failed], all)).toMatchObject({
      verdict: 'fail',
      reason: 'leakage/canary-storage: IIN in vault.templates',
    });
  });

  it('is not evaluated when the target lacks a capability', () => {
    const v = judge({ ...base, requires: ['api', 'dump'] }, [hits('leakage/canary-storage', 0)], all);
    expect(v).toMatchObject({ verdict: 'not-evaluated', reason: 'the target does not provide: dump' });
  });

  it('all-pass needs every test to pass', () => {
    const r: Requirement = { ...base, verdict: { rule: 'all-pass' } };
    const pass = (test: string): Evidence => ({ test, outcome: 'pass', summary: 'ok' });
    expect(judge(r, [pass('leakage/canary-storage'), pass('leakage/canary-text')], all).verdict).toBe('pass');
    expect(judge(r, [pass('leakage/canary-storage'), hits('leakage/canary-text', 0)], all).verdict).toBe(
      'not-evaluated',
    );
  });

  it('at-least compares the minimum', () => {
    const r: Requirement = {
      ...base,
      evidence: [base.evidence[0]],
      verdict: { rule: 'at-least', measurement: 'entropyBits', limit: 122 },
    };
    const bits = (v: number): Evidence => ({
      test: 'leakage/canary-storage',
      outcome: 'measured',
      summary: '',
      measurements: { entropyBits: { value: v } },
    });
    expect(judge(r, [bits(121.9)], all).verdict).toBe('fail');
    expect(judge(r, [bits(122)], all).verdict).toBe('pass');
  });

  describe('rate upper bound (rule of 3)', () => {
    const r: Requirement = {
      ...base,
      id: 'BIO-FMR-01',
      evidence: [{ test: 'biometrics/verification-impostor', description: 'impostors' }],
      verdict: { rule: 'rate-upper-bound-at-most', measurement: 'fmr', limit: 0.001, confidence: 0.95 },
    };
    const fmr = (errors: number, trials: number): Evidence => ({
      test: 'biometrics/verification-impostor',
      outcome: 'measured',
      summary: '',
      measurements: { fmr: rate(errors, trials) },
    });
    it('passes with zero errors in enough trials', () =>
      expect(judge(r, [fmr(0, 3000)], all).verdict).toBe('pass'));
    it('is not evaluated with zero errors in too few trials, and says how many are needed', () => {
      const v = judge(r, [fmr(0, 1000)], all);
      expect(v.verdict).toBe('not-evaluated');
      expect(v.reason).toMatch(/2995 trials/);
    });
    it('fails when even the lower bound is above the limit', () =>
      expect(judge(r, [fmr(20, 3000)], all).verdict).toBe('fail'));
    it('needs errors and trials, not a bare value', () => {
      const bare: Evidence = { ...fmr(0, 1), measurements: { fmr: { value: 0 } } };
      expect(judge(r, [bare], all).reason).toMatch(/without errors and trials/);
    });
  });
});

describe('overallVerdict', () => {
  it('fails on any fail, passes only when all pass', () => {
    expect(overallVerdict([{ verdict: 'pass' }, { verdict: 'fail' }, { verdict: 'not-evaluated' }])).toBe(
      'fail',
    );
    expect(overallVerdict([{ verdict: 'pass' }, { verdict: 'not-evaluated' }])).toBe('not-evaluated');
    expect(overallVerdict([{ verdict: 'pass' }])).toBe('pass');
    expect(overallVerdict([])).toBe('not-evaluated');
  });
});
