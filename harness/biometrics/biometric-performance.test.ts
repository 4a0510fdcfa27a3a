import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirements } from '../requirements/catalogue.ts';
import type { Evidence } from '../requirements/evidence.ts';
import { judge } from '../requirements/verdict.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import { startReferenceCertificationTarget } from '../targets/reference-certification-target.ts';
import { BIOMETRIC_TESTS, measureBiometricPerformance } from './biometric-performance.ts';
import { testContext } from './certification-context.test-helper.ts';
import type { BiometricSampleSizes } from './sample-sizes.ts';

const SMALL: BiometricSampleSizes = {
  nonmatedEnrolments: 12,
  matedEnrolments: 6,
  genuineVerifications: 10,
  impostorVerifications: 20,
  rationale: 'unit test: a handful of each',
};

const byTest = (ev: Evidence[], test: string) => {
  const e = ev.find((x) => x.test === test);
  if (!e) throw new Error(`no evidence from ${test}`);
  return e;
};
const measured = (ev: Evidence[], test: string, name: string) => byTest(ev, test).measurements?.[name];

function verdictOf(id: string, ev: Evidence[], t: CertificationTarget) {
  const r = requirements().find((x) => x.id === id);
  if (!r) throw new Error(`no requirement ${id}`);
  return judge(r, ev, t.capabilities);
}

describe('biometric performance through the API of the clean reference', () => {
  let target: CertificationTarget;
  let evidence: Evidence[];
  beforeAll(async () => {
    target = await startReferenceCertificationTarget({
      seed: 'bio-clean',
      databaseUrl: process.env.DATABASE_URL,
    });
    evidence = await measureBiometricPerformance(testContext(target, { seed: 'bio-clean' }), SMALL);
  }, 300_000);
  afterAll(() => target?.close());

  it('produces every biometric test, each a rate with errors and trials', () => {
    expect(evidence.map((e) => e.test).sort()).toEqual(Object.values(BIOMETRIC_TESTS).sort());
    for (const e of evidence) expect(e.outcome, `${e.test}: ${e.reason}`).toBe('measured');
  });

  it('finds no error in the small samples and counts every transaction', () => {
    expect(measured(evidence, BIOMETRIC_TESTS.nonmated, 'fpir')).toMatchObject({ errors: 0, trials: 12 });
    expect(measured(evidence, BIOMETRIC_TESTS.mated, 'fnir')).toMatchObject({ errors: 0, trials: 6 });
    expect(measured(evidence, BIOMETRIC_TESTS.enrolment, 'fte')).toMatchObject({ errors: 0, trials: 18 });
    expect(measured(evidence, BIOMETRIC_TESTS.genuine, 'fnmr')).toMatchObject({ errors: 0, trials: 10 });
    expect(measured(evidence, BIOMETRIC_TESTS.impostor, 'fmr')).toMatchObject({ errors: 0, trials: 20 });
  });

  it('leaves the claims not evaluated when the sample is too small to demonstrate them', () => {
    for (const id of ['BIO-FMR-01', 'BIO-FNM-01', 'BIO-FPI-01', 'BIO-FNI-01', 'BIO-FTE-01']) {
      const v = verdictOf(id, evidence, target);
      expect(v.verdict, `${id}: ${v.reason}`).toBe('not-evaluated');
      expect(v.reason).toMatch(/too few trials/);
    }
  });

  it('says that a decisions-only target gives no DET curve', () => {
    expect(JSON.stringify(byTest(evidence, BIOMETRIC_TESTS.impostor).details)).toMatch(/decisions only/);
  });
});

describe('biometric performance of a reference with deduplication switched off', () => {
  let target: CertificationTarget;
  let evidence: Evidence[];
  beforeAll(async () => {
    target = await startReferenceCertificationTarget({
      seed: 'bio-dedup-off',
      flaw: 'deduplication-off',
      databaseUrl: process.env.DATABASE_URL,
    });
    evidence = await measureBiometricPerformance(testContext(target, { seed: 'bio-dedup-off' }), SMALL);
  }, 300_000);
  afterAll(() => target?.close());

  it('lets every double registration through, and BIO-FNI-01 fails', () => {
    expect(measured(evidence, BIOMETRIC_TESTS.mated, 'fnir')).toMatchObject({ errors: 6, trials: 6 });
    expect(verdictOf('BIO-FNI-01', evidence, target).verdict).toBe('fail');
  });
});

describe('biometric performance of a reference that leaks scores', () => {
  let target: CertificationTarget;
  let ctx: ReturnType<typeof testContext>;
  let evidence: Evidence[];
  beforeAll(async () => {
    target = await startReferenceCertificationTarget({
      seed: 'bio-scores',
      flaw: 'scores-in-responses',
      databaseUrl: process.env.DATABASE_URL,
    });
    ctx = testContext(target, { seed: 'bio-scores' });
    evidence = await measureBiometricPerformance(ctx, SMALL);
  }, 300_000);
  afterAll(() => target?.close());

  it('draws the DET curve and the score histogram from the leaked scores', () => {
    expect(ctx.drawn.histograms).toHaveLength(1);
    const h = ctx.drawn.histograms[0];
    expect(h.genuine.reduce((a, n) => a + n, 0)).toBe(10);
    expect(h.impostor.reduce((a, n) => a + n, 0)).toBe(20);
    expect(ctx.drawn.dets).toHaveLength(1);
    expect(JSON.stringify(byTest(evidence, BIOMETRIC_TESTS.genuine).details)).toMatch(/exposed a score/);
  });
});
