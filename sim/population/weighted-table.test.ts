import { describe, expect, it } from 'vitest';
import { stream } from '../random/index.ts';
import { WeightedTable } from './weighted-table.ts';

describe('WeightedTable', () => {
  it('draws in proportion to the weights and never a zero weight', () => {
    const table = new WeightedTable([1, 0, 3]);
    const r = stream('weighted', 1);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[table.draw(r)]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.8);
    expect(counts[2] / counts[0]).toBeLessThan(3.2);
  });

  it('refuses weights that do not make a distribution', () => {
    expect(() => new WeightedTable([0, 0])).toThrow(RangeError);
    expect(() => new WeightedTable([1, -1])).toThrow(RangeError);
  });
});
