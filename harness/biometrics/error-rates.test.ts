import { describe, expect, it } from 'vitest';
import { equalErrorRate, errorRates, fnmrAtFmr, operatingPoints, sortedScores } from './error-rates.ts';

const rates = (g: (number | null)[], i: (number | null)[]) => errorRates(sortedScores(g), sortedScores(i));

describe('FVC error rates', () => {
  it('finds the EER where one impostor outscores one genuine of four', () => {
    // At t = 0.65: FMR = 1/4 (0.65 ≥ t), FNMR = 1/4 (0.6 < t).
    const r = rates([0.6, 0.7, 0.8, 0.9], [0.1, 0.2, 0.3, 0.65]);
    expect(r.eer).toBe(0.25);
    expect(r.fmr100).toBe(0.25);
    expect(r.zeroFmr).toBe(0.25);
    expect(r.zeroFnmr).toBe(0.25);
  });

  it('is 0 for separated distributions and 1 for inverted ones', () => {
    const sep = rates([0.8, 0.9], [0.1, 0.2]);
    expect([sep.eer, sep.fmr100, sep.fmr1000, sep.zeroFmr]).toEqual([0, 0, 0, 0]);
    expect(rates([0.1, 0.2], [0.8, 0.9]).eer).toBe(1);
  });

  it('takes FVC’s interval mid-point when FMR and FNMR never cross at a threshold', () => {
    // Thresholds: 0.3 → FMR 2/3, FNMR 0; 0.5 → FMR 1/3, FNMR 1/2; so EER ∈ [1/3, 1/2].
    const points = operatingPoints(sortedScores([0.3, 0.7]), sortedScores([0.2, 0.4, 0.6]));
    const e = equalErrorRate(points);
    expect(e.low).toBeCloseTo(1 / 3, 12);
    expect(e.high).toBeCloseTo(1 / 2, 12);
    expect(e.eer).toBeCloseTo(5 / 12, 12);
  });

  it('reads FMR100 and FMR1000 off a thousand impostors', () => {
    // Impostors 0.000…0.999; 90 genuine at 0.995 and 10 at 0.5.
    const impostor = Array.from({ length: 1000 }, (_, k) => k / 1000);
    const genuine = [...new Array(90).fill(0.995), ...new Array(10).fill(0.5)];
    const r = rates(genuine, impostor);
    // FMR ≤ 1 %: t = 0.990 (10 impostors at or above), which rejects only the 10 genuine at 0.5.
    expect(r.fmr100).toBeCloseTo(0.1, 12);
    // FMR ≤ 0.1 %: the lowest such threshold is 0.999 (FMR 1/1000), above every genuine score.
    const p = fnmrAtFmr(operatingPoints(sortedScores(genuine), sortedScores(impostor)), 0.001);
    expect(p.fmr).toBeCloseTo(0.001, 12);
    expect(p.threshold).toBe(0.999);
    expect(r.fmr1000).toBeCloseTo(1, 12);
  });

  it('counts a failure to enrol or compare as a non-match at every threshold', () => {
    const r = rates([0.9, 0.9, 0.9, null], [0.1, null]);
    expect(r.zeroFmr).toBe(0.25);
    // FVC's rule: t1 = 0.1 (FMR 1/2, FNMR 1/4), t2 = 0.9 (FMR 0, FNMR 1/4); t2 has the smaller sum, so
    // EER ∈ [0, 1/4].
    expect(r.eer).toBe(0.125);
  });

  it('weighs comparisons as the bootstrap asks', () => {
    const g = sortedScores([0.6, 0.9], Float64Array.from([3, 1]));
    const i = sortedScores([0.7, 0.1], Float64Array.from([1, 1]));
    // FNMR at t = 0.7 is 3/4 (the weighted 0.6), FMR there 1/2.
    const p = operatingPoints(g, i).find((q) => q.threshold === 0.7);
    expect(p).toEqual({ threshold: 0.7, fmr: 0.5, fnmr: 0.75 });
  });

  it('refuses a set without impostors', () => {
    expect(() => rates([0.5], [])).toThrow(/genuine and impostor/);
  });
});
