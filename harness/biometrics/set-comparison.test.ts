import { describe, expect, it } from 'vitest';
import { createGrayImage } from '../../sim/image/gray-image.ts';
import {
  compareSets,
  comparisonTable,
  parseSetSpec,
  ridgePeriods,
  type SetFigures,
} from './set-comparison.ts';

function set(dir: string, shift: number): SetFigures {
  const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
  return {
    dir,
    fingers: 10,
    images: 80,
    eer: 0.01 + shift,
    fmr1000: 0.02,
    genuine: range(50, (i) => 0.2 + i / 100 + shift),
    impostor: range(50, (i) => 0.01 + i / 5000 + shift / 10),
    minutiae: range(20, (i) => 30 + i),
    periods: range(40, (i) => 8 + i / 20 + shift * 10),
  };
}

describe('synthetic against real set comparison', () => {
  it('gives KS distance 0 to the reference itself and grows with the shift', () => {
    const rows = compareSets([set('real', 0), set('same', 0), set('shifted', 0.2)]);
    expect(rows[1].ks).toEqual({ minutiae: 0, period: 0, genuine: 0, impostor: 0 });
    expect(rows[2].ks.genuine).toBeGreaterThan(0.3);
    expect(rows[2].ks.period).toBe(1);
    expect(
      comparisonTable(rows)
        .split('\n')
        .filter((l) => l.startsWith('| ')).length,
    ).toBe(4);
  });

  it('reads DIR@PPI and refuses a bad resolution', () => {
    expect(parseSetSpec('db2@569')).toEqual({ dir: 'db2', ppi: 569 });
    expect(parseSetSpec('plain')).toEqual({ dir: 'plain' });
    expect(() => parseSetSpec('db@12')).toThrow(/100–2000 ppi/);
  });

  it('measures ridge periods of striped blocks and skips blank ones', () => {
    const img = createGrayImage(128, 128, 500, 255);
    for (let y = 0; y < 64; y++)
      for (let x = 0; x < 128; x++) img.data[y * 128 + x] = 128 + 100 * Math.cos((2 * Math.PI * x) / 9);
    const periods = ridgePeriods(img);
    expect(periods.length).toBe(8);
    for (const p of periods) expect(p).toBeCloseTo(9, 0);
  });
});
