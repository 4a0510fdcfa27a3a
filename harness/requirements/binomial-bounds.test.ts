import { describe, expect, it } from 'vitest';
import { binomialCdf, logGamma, lowerBound, trialsForZeroErrors, upperBound } from './binomial-bounds.ts';

describe('Clopper–Pearson bounds', () => {
  it('logGamma matches factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 10);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 9);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
  });

  it('binomial CDF agrees with direct sums', () => {
    // P(X ≤ 1), n = 4, p = 0.5: (1 + 4) / 16
    expect(binomialCdf(1, 4, 0.5)).toBeCloseTo(5 / 16, 12);
    expect(binomialCdf(4, 4, 0.3)).toBe(1);
    expect(binomialCdf(-1, 4, 0.3)).toBe(0);
  });

  it('gives the rule of 3 for zero errors', () => {
    // Exact: 1 − 0.05^(1/n)
    expect(upperBound(0, 3000, 0.95)).toBeCloseTo(1 - 0.05 ** (1 / 3000), 9);
    expect(upperBound(0, 3000, 0.95) * 3000).toBeCloseTo(3, 1);
    expect(trialsForZeroErrors(0.001, 0.95)).toBe(2995);
    expect(lowerBound(0, 3000, 0.95)).toBe(0);
  });

  it('brackets the point estimate and narrows with more trials', () => {
    const small = [lowerBound(10, 100, 0.95), upperBound(10, 100, 0.95)];
    const large = [lowerBound(100, 1000, 0.95), upperBound(100, 1000, 0.95)];
    expect(small[0]).toBeLessThan(0.1);
    expect(small[1]).toBeGreaterThan(0.1);
    expect(large[1] - large[0]).toBeLessThan(small[1] - small[0]);
    // Published one-sided 95 % Clopper–Pearson upper bound for 10/100 is 0.1637.
    expect(small[1]).toBeCloseTo(0.1637, 3);
  });
});
