import { describe, expect, it } from 'vitest';
import { stream } from '../../random/index.ts';
import { prepare } from './comparison.ts';
import { bitSimilarityMatrix } from './local-similarity.ts';
import { lssR, pairCount, pairGeometry } from './lss-r.ts';
import { PAPER_CONSOLIDATION } from './mcc-parameters.ts';
import { genuineMate, syntheticFinger } from './synthetic-minutiae.ts';

describe('LSS-R', () => {
  it('takes nP from 4 to 12 pairs as the smaller template grows, 8 at μP = 20', () => {
    expect(pairCount(0, 50, PAPER_CONSOLIDATION)).toBe(4);
    expect(pairCount(20, 50, PAPER_CONSOLIDATION)).toBe(8);
    expect(pairCount(60, 60, PAPER_CONSOLIDATION)).toBe(12);
  });

  it('stores pair distances and radial angles symmetric in distance', () => {
    const p = prepare(syntheticFinger(stream('lss-r', 'geometry')));
    const g = pairGeometry(p.cylinders);
    const n = g.count;
    expect(g.distance[1 * n + 2]).toBeCloseTo(g.distance[2 * n + 1], 4);
    expect(g.distance[1 * n + 2]).toBeCloseTo(
      Math.hypot(p.cylinders.x[1] - p.cylinders.x[2], p.cylinders.y[1] - p.cylinders.y[2]),
      4,
    );
  });

  it('keeps a geometrically consistent match and discounts one whose minutiae moved apart', () => {
    const f = syntheticFinger(stream('lss-r', 'finger'));
    const mate = genuineMate(stream('lss-r', 'mate'), f, { drop: 0, add: 0, distortion: 0 });
    // The same local neighbourhoods, but scattered: minutiae keep their directions and neighbours'
    // relative layout only within each cylinder's reach, so cylinders still agree but pairs are incompatible.
    const a = prepare(f);
    const b = prepare(mate);
    const gamma = new Float32Array(a.cylinders.count * b.cylinders.count);
    const nonZero = bitSimilarityMatrix(a.cylinders, b.cylinders, a.discCells, PAPER_CONSOLIDATION, gamma);
    const consistent = lssR(gamma, nonZero, a, b, PAPER_CONSOLIDATION);
    const scrambled = {
      ...b,
      geometry: { ...b.geometry, distance: b.geometry.distance.map((d) => d * 1.5) },
    };
    const inconsistent = lssR(gamma, nonZero, a, scrambled, PAPER_CONSOLIDATION);
    expect(consistent).toBeGreaterThan(0.2);
    expect(inconsistent).toBeLessThan(consistent / 3);
  });

  it('scores 0 when no cylinder pair is comparable', () => {
    const a = prepare(syntheticFinger(stream('lss-r', 'x')));
    const gamma = new Float32Array(a.cylinders.count * a.cylinders.count);
    expect(lssR(gamma, 0, a, a, PAPER_CONSOLIDATION)).toBe(0);
  });
});
