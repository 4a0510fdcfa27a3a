import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from './xoshiro128.ts';

describe('Xoshiro128', () => {
  it('matches the reference implementation from state {1, 2, 3, 4}', () => {
    const g = new Xoshiro128([1, 2, 3, 4]);
    expect([g.nextUint32(), g.nextUint32(), g.nextUint32()]).toEqual([11520, 0, 5927040]);
  });

  it('never stays in the all-zero state', () => {
    const g = new Xoshiro128([0, 0, 0, 0]);
    const xs = Array.from({ length: 4 }, () => g.nextUint32());
    expect(xs.some((x) => x !== 0)).toBe(true);
  });
});
