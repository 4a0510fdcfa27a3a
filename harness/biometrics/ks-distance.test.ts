import { describe, expect, it } from 'vitest';
import { kolmogorovQ, ksStatistic, ksTest } from './ks-distance.ts';

describe('two-sample Kolmogorov–Smirnov', () => {
  it('is 0 for the same sample and 1 for disjoint ones', () => {
    expect(ksStatistic([1, 2, 3], [3, 2, 1])).toBe(0);
    expect(ksStatistic([1, 2, 3], [4, 5, 6])).toBe(1);
  });

  it('matches a hand-computed D with ties', () => {
    // F1 at 2 is 2/4, F2 at 2 is 0/2: D = 0.5 (and nowhere larger).
    expect(ksStatistic([1, 2, 3, 4], [3, 5])).toBe(0.5);
    expect(ksStatistic([1, 1, 2, 2], [1, 2, 2, 2])).toBe(0.25);
  });

  it('has the Kolmogorov distribution’s known critical values', () => {
    // Q(1.3581) = 0.05 and Q(1.6276) = 0.01 (the classic 5 % and 1 % points).
    expect(kolmogorovQ(1.3581)).toBeCloseTo(0.05, 3);
    expect(kolmogorovQ(1.6276)).toBeCloseTo(0.01, 3);
    expect(kolmogorovQ(0)).toBe(1);
  });

  it('gives a small p-value for clearly shifted samples and a large one for interleaved samples', () => {
    const a = Array.from({ length: 100 }, (_, i) => i);
    expect(
      ksTest(
        a,
        a.map((v) => v + 50),
      ).pValue,
    ).toBeLessThan(1e-6);
    expect(
      ksTest(
        a,
        a.map((v) => v + 0.5),
      ).pValue,
    ).toBeGreaterThan(0.9);
  });

  it('refuses an empty sample', () => {
    expect(() => ksStatistic([], [1])).toThrow(/non-empty/);
  });
});
