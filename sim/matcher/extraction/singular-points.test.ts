import { describe, expect, it } from 'vitest';
import type { OrientationField } from './orientation-field.ts';
import { singularPoints } from './singular-points.ts';

/** A cell-grid field whose doubled angle turns by ±2π around (cx, cy): a core (+) or a delta (−). */
function fieldAround(sign: 1 | -1, cx: number, cy: number): OrientationField {
  const cell = 4;
  const cw = 60;
  const ch = 60;
  const cellCos2 = new Float32Array(cw * ch);
  const cellSin2 = new Float32Array(cw * ch);
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      const a = sign * Math.atan2(y * cell + cell / 2 - cy, x * cell + cell / 2 - cx);
      cellCos2[y * cw + x] = Math.cos(a);
      cellSin2[y * cw + x] = Math.sin(a);
    }
  }
  const width = cw * cell;
  const height = ch * cell;
  return {
    width,
    height,
    angle: new Float32Array(width * height),
    coherence: new Float32Array(width * height),
    cell,
    cellsX: cw,
    cellsY: ch,
    cellCos2,
    cellSin2,
  };
}

describe('singularPoints', () => {
  const edge = new Float32Array(240 * 240).fill(100);
  it('finds a core where the orientation turns by +π', () => {
    const found = singularPoints(fieldAround(1, 118, 130), edge);
    expect(found).toHaveLength(1);
    expect(found[0].type).toBe('core');
    expect(Math.hypot(found[0].x - 118, found[0].y - 130)).toBeLessThan(8);
  });

  it('finds a delta where it turns by −π, and nothing in a uniform flow', () => {
    const found = singularPoints(fieldAround(-1, 100, 90), edge);
    expect(found.map((p) => p.type)).toEqual(['delta']);
    const flat = fieldAround(1, -1000, -1000);
    expect(singularPoints(flat, edge)).toEqual([]);
  });
});
