import { describe, expect, it } from 'vitest';
import {
  DOCUMENTED_FMRS,
  FVC_THRESHOLDS,
  MATCHER_THRESHOLDS,
  SYNTHETIC_CALIBRATION,
  SYNTHETIC_THRESHOLDS,
  thresholdAtFmr,
} from './thresholds.ts';

describe('matcher thresholds', () => {
  it.each([
    ['synthetic', SYNTHETIC_THRESHOLDS],
    ['FVC', FVC_THRESHOLDS],
  ])('has one %s threshold per documented FMR, stricter for rarer false matches', (_, table) => {
    expect(table.map((t) => t.fmr)).toEqual([...DOCUMENTED_FMRS]);
    for (let k = 1; k < table.length; k++) expect(table[k].threshold).toBeGreaterThan(table[k - 1].threshold);
    for (const t of table) {
      expect(t.threshold).toBeGreaterThan(0);
      expect(t.threshold).toBeLessThan(1);
    }
  });

  it('decides with the synthetic thresholds, measured on enough impostors for FMR 0.01 %', () => {
    expect(MATCHER_THRESHOLDS).toBe(SYNTHETIC_THRESHOLDS);
    expect(DOCUMENTED_FMRS.map(thresholdAtFmr)).toEqual(SYNTHETIC_THRESHOLDS.map((t) => t.threshold));
    expect(SYNTHETIC_CALIBRATION.impostors).toBeGreaterThanOrEqual(30_000);
  });

  it('refuses an FMR that was not measured', () => {
    expect(() => thresholdAtFmr(0.05)).toThrow(/no measured threshold at FMR 0.05/);
  });
});
