import { describe, expect, it } from 'vitest';
import { KeyedPermutation } from './keyed-permutation.ts';

describe('KeyedPermutation', () => {
  it.each([2, 3, 1000, 9000, 32_768, 40_000])('is a bijection of [0, %i)', (n) => {
    const p = new KeyedPermutation(n, [1, 2, 3, 4]);
    const seen = new Uint8Array(n);
    for (let x = 0; x < n; x++) seen[p.apply(x)]++;
    expect(seen.every((c) => c === 1)).toBe(true);
  });

  it('depends on its keys and scrambles order', () => {
    const a = new KeyedPermutation(1_000_000_000, [1, 2, 3, 4]);
    const b = new KeyedPermutation(1_000_000_000, [5, 6, 7, 8]);
    const xs = [0, 1, 2, 3, 4].map((x) => a.apply(x));
    expect(xs).not.toEqual([0, 1, 2, 3, 4].map((x) => b.apply(x)));
    expect(new Set(xs.map((x) => Math.floor(x / 1e8))).size).toBeGreaterThan(1);
  });

  it('refuses values outside its domain and domains it cannot hold', () => {
    expect(() => new KeyedPermutation(10, [1]).apply(10)).toThrow(RangeError);
    expect(() => new KeyedPermutation(2 ** 31, [1])).toThrow(RangeError);
  });
});
