import { describe, expect, it } from 'vitest';
import { stream } from '../../random/index.ts';
import { buildCylinders, cellsPerCylinder, discCellCount, erf } from './cylinder.ts';
import { COMPACT_CYLINDER, PAPER_CYLINDER } from './mcc-parameters.ts';
import { minutiaPoints } from './minutia-points.ts';
import { moveTemplate, syntheticFinger } from './synthetic-minutiae.ts';

describe('erf', () => {
  it('matches tabulated values', () => {
    expect(erf(0)).toBeCloseTo(0, 6);
    expect(erf(0.5)).toBeCloseTo(0.5204999, 6);
    expect(erf(1)).toBeCloseTo(0.8427008, 6);
    expect(erf(-2)).toBeCloseTo(-0.9953223, 6);
  });
});

describe('cylinder', () => {
  it('has NS·NS·ND cells and a disc of about π/4 of the base', () => {
    expect(cellsPerCylinder(PAPER_CYLINDER)).toBe(1536);
    expect(discCellCount(PAPER_CYLINDER) / 256).toBeGreaterThan(0.7);
    expect(discCellCount(PAPER_CYLINDER) / 256).toBeLessThan(0.85);
  });

  it('puts a neighbour ahead of the minutia, turned by 90°, in the cell and section where it lies', () => {
    // Centre minutia at the origin pointing along +x (ISO angle 0); a neighbour 30.6 px ahead (+x), whose
    // direction is 90° counter-clockwise; two far minutiae only to widen the convex hull.
    const t = {
      width: 400,
      height: 400,
      ppi: 500,
      quality: 50,
      minutiae: [
        { x: 200, y: 200, angle: 0, type: 'ending' as const, quality: 50 },
        { x: 230.625, y: 200, angle: Math.PI / 2, type: 'ending' as const, quality: 50 },
        { x: 100, y: 100, angle: 0, type: 'ending' as const, quality: 50 },
        { x: 300, y: 300, angle: 0, type: 'ending' as const, quality: 50 },
      ],
    };
    const p = { ...PAPER_CYLINDER, minMinutiae: 1, minValidCells: 0 };
    const set = buildCylinders(minutiaPoints(t), p);
    expect(set.minutia[0]).toBe(0);
    const cells = cellsPerCylinder(p);
    let best = 0;
    for (let c = 1; c < cells; c++) if (set.contribution[c] > set.contribution[best]) best = c;
    const k = best % 6;
    const s = Math.floor(best / 6);
    const i = Math.floor(s / 16);
    const j = s % 16;
    // 30.6 px ahead is the centre of cell i = 11 (cells of 8.75 px, centre between 7 and 8); dΦ(0, π/2) = −π/2 lies in section 1.
    expect(i).toBe(11);
    expect([7, 8]).toContain(j);
    expect(k).toBe(1);
  });

  it('does not change when the whole finger is turned and moved', () => {
    const t = syntheticFinger(stream('cylinder-test', 1));
    const a = buildCylinders(minutiaPoints(t), COMPACT_CYLINDER);
    const b = buildCylinders(minutiaPoints(moveTemplate(t, 0.7, 30, -20)), COMPACT_CYLINDER);
    expect(Array.from(b.minutia)).toEqual(Array.from(a.minutia));
    for (let c = 0; c < a.contribution.length; c += 7)
      expect(b.contribution[c]).toBeCloseTo(a.contribution[c], 5);
  });

  it('drops cylinders with too few neighbours or too little valid area', () => {
    const lone = {
      width: 400,
      height: 400,
      ppi: 500,
      quality: 50,
      minutiae: [
        { x: 10, y: 10, angle: 0, type: 'ending' as const, quality: 50 },
        { x: 390, y: 390, angle: 1, type: 'ending' as const, quality: 50 },
      ],
    };
    expect(buildCylinders(minutiaPoints(lone), COMPACT_CYLINDER).minutia.length).toBe(0);
  });
});
