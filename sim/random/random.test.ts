import { describe, expect, it } from 'vitest';
import { stream } from './stream.ts';

describe('Random', () => {
  it('draws floats in [0, 1) with the right mean', () => {
    const r = stream('t', 'float');
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.float();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('draws unbiased integers', () => {
    const r = stream('t', 'int');
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[r.int(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    expect(() => r.int(0)).toThrow(RangeError);
  });

  it('draws normals with mean 0 and sd 1', () => {
    const r = stream('t', 'normal');
    let s = 0;
    let s2 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(s / n).toBeCloseTo(0, 1);
    expect(Math.sqrt(s2 / n)).toBeCloseTo(1, 1);
  });

  it('follows weights', () => {
    const r = stream('t', 'weights');
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[r.weightedIndex([1, 2, 0])]++;
    expect(counts[2]).toBe(0);
    expect(counts[1] / counts[0]).toBeGreaterThan(1.8);
    expect(counts[1] / counts[0]).toBeLessThan(2.2);
  });

  it('draws Poisson counts that average their mean, small and large', () => {
    const r = stream('t', 'poisson');
    for (const mean of [0.8, 12, 150]) {
      let s = 0;
      for (let i = 0; i < 4000; i++) s += r.poisson(mean);
      expect(s / 4000 / mean).toBeGreaterThan(0.95);
      expect(s / 4000 / mean).toBeLessThan(1.05);
    }
    expect(r.poisson(0)).toBe(0);
  });

  it('shuffles to a permutation', () => {
    const xs = stream('t', 'shuffle').shuffle([1, 2, 3, 4, 5, 6]);
    expect([...xs].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
