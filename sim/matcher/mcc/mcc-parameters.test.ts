import { describe, expect, it } from 'vitest';
import {
  angleDifference,
  BIT_CYLINDER,
  COMPACT_CYLINDER,
  PAPER_CONSOLIDATION,
  PAPER_CYLINDER,
  sigmoid,
} from './mcc-parameters.ts';

describe('MCC parameters', () => {
  it('match Table 1 of Cappelli et al. 2010', () => {
    expect(PAPER_CYLINDER).toMatchObject({ radius: 70, spatialCells: 16, directionalCells: 6, omega: 50 });
    expect(PAPER_CYLINDER.sigmaS).toBeCloseTo(9.333, 3);
    expect(PAPER_CYLINDER.sigmaD).toBeCloseTo(0.6981, 4);
    expect(BIT_CYLINDER.spatialCells).toBe(16);
    expect(COMPACT_CYLINDER.spatialCells).toBe(8);
    expect(PAPER_CONSOLIDATION).toMatchObject({ minNP: 4, maxNP: 12, muP: 20, relaxationIterations: 5 });
  });

  it('sigmoid is 1/2 at its centre and falls for a negative τ', () => {
    expect(sigmoid(5, 5, -1.6)).toBe(0.5);
    expect(sigmoid(10, 5, -1.6)).toBeLessThan(0.001);
    expect(sigmoid(0, 5, -1.6)).toBeGreaterThan(0.99);
  });

  it('angle difference wraps into [−π, π)', () => {
    expect(angleDifference(0.1, 2 * Math.PI - 0.1)).toBeCloseTo(0.2, 12);
    expect(angleDifference(2 * Math.PI - 0.1, 0.1)).toBeCloseTo(-0.2, 12);
    expect(angleDifference(Math.PI, 0)).toBeCloseTo(-Math.PI, 12);
  });
});
