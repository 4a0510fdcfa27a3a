import { describe, expect, it } from 'vitest';
import { bootstrapIntervals, fingerWeights, quantile } from './bootstrap.ts';

describe('bootstrap over fingers', () => {
  it('draws N fingers with replacement, the same for the same seed and replicate', () => {
    const w = fingerWeights('seed', 3, 10);
    expect(w.reduce((a, b) => a + b, 0)).toBe(10);
    expect(Array.from(fingerWeights('seed', 3, 10))).toEqual(Array.from(w));
    expect(Array.from(fingerWeights('seed', 4, 10))).not.toEqual(Array.from(w));
  });

  it('gives identical intervals on every run with the same seed', () => {
    const values = Array.from({ length: 20 }, (_, i) => (i * 7) % 11);
    const stat = (w: Float64Array) => {
      let s = 0;
      let n = 0;
      w.forEach((m, i) => {
        s += m * values[i];
        n += m;
      });
      return { mean: s / n };
    };
    const a = bootstrapIntervals('x', 500, 20, stat);
    expect(bootstrapIntervals('x', 500, 20, stat)).toEqual(a);
    expect(bootstrapIntervals('y', 500, 20, stat)).not.toEqual(a);
    // The mean of 0…10-ish values (true mean 4.95) sits inside its 95 % interval, which is not degenerate.
    expect(a.mean.low).toBeLessThan(4.95);
    expect(a.mean.high).toBeGreaterThan(4.95);
    expect(a.mean.high - a.mean.low).toBeGreaterThan(1);
  });

  it('leaves out replicates where a statistic is undefined', () => {
    let r = 0;
    const ci = bootstrapIntervals('z', 10, 5, () => ({ v: r++ % 2 === 0 ? Number.NaN : 1 }));
    expect(ci.v).toEqual({ low: 1, high: 1 });
  });

  it('interpolates quantiles linearly', () => {
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
  });
});
