import { describe, expect, it } from 'vitest';
import type { CheckResult, Verdict } from './check.ts';
import { overallVerdict } from './conformance.ts';
import { APPENDIX_F, PIV } from './spec-limits.ts';

const line = (verdict: Verdict): CheckResult => ({
  id: 'x',
  title: 'x',
  clause: 'c',
  value: verdict === 'not-measured' ? null : 1,
  unit: '',
  limit: '',
  verdict,
});

describe('overall verdict', () => {
  it('is pass only when every check was measured and passed', () => {
    expect(overallVerdict([line('pass'), line('pass')])).toBe('pass');
    expect(overallVerdict([line('pass'), line('not-measured')])).toBe('not-measured');
    expect(overallVerdict([line('not-measured'), line('fail')])).toBe('fail');
  });
});

describe('spec limits', () => {
  it('keeps Appendix F stricter than PIV where both bound the same quantity', () => {
    expect(APPENDIX_F.resolutionTolerance).toBeLessThan(PIV.resolutionTolerance);
    expect(APPENDIX_F.acrossBar.longFactor(500)).toBeLessThan(PIV.acrossBar.longFactor(500));
    expect(APPENDIX_F.grayRange[0].levels).toBeGreaterThan(PIV.grayRange[0].levels);
    expect(PIV.alongBar).toBeNull();
  });

  it('tabulates the Appendix F CTF minima falling with frequency, 1000 ppi above 500 ppi', () => {
    const t500 = APPENDIX_F.modulation.table(500);
    const t1000 = APPENDIX_F.modulation.table(1000);
    expect(t500.map((t) => t.frequency)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (let i = 1; i < t500.length; i++) expect(t500[i].min).toBeLessThan(t500[i - 1].min);
    for (const t of t500) expect(t1000.find((u) => u.frequency === t.frequency)?.min).toBeGreaterThan(t.min);
  });
});
