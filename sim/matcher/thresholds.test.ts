import { describe, expect, it } from 'vitest';
import { DOCUMENTED_FMRS, MATCHER_THRESHOLDS, thresholdAtFmr } from './thresholds.ts';

describe('matcher thresholds', () => {
  it('has one threshold per documented FMR, stricter for rarer false matches', () => {
    expect(MATCHER_THRESHOLDS.map((t) => t.fmr)).toEqual([...DOCUMENTED_FMRS]);
    const [t100, t1000, t10000] = DOCUMENTED_FMRS.map(thresholdAtFmr);
    expect(t100).toBeLessThan(t1000);
    expect(t1000).toBeLessThan(t10000);
    for (const t of MATCHER_THRESHOLDS) {
      expect(t.threshold).toBeGreaterThan(0);
      expect(t.threshold).toBeLessThan(1);
    }
  });

  it('refuses an FMR that was not measured', () => {
    expect(() => thresholdAtFmr(0.05)).toThrow(/no measured threshold at FMR 0.05/);
  });
});
