import { describe, expect, it } from 'vitest';
import { minutiaDirection } from './minutia-direction.ts';
import { detectMinutiae } from './minutiae-detection.ts';
import type { OrientationField } from './orientation-field.ts';
import { skeletonFrom } from './skeleton.test-helper.ts';

function uniformField(width: number, height: number, angle: number): OrientationField {
  return {
    width,
    height,
    angle: new Float32Array(width * height).fill(angle),
    coherence: new Float32Array(width * height).fill(1),
    cell: 4,
    cellsX: 1,
    cellsY: 1,
    cellCos2: new Float32Array(1),
    cellSin2: new Float32Array(1),
  };
}

const deg = (r: number) => Math.round((r * 180) / Math.PI) + 0;

describe('minutiaDirection', () => {
  const row = '.'.repeat(30);
  it('points an ending into its ridge: ridge to the right ⇒ 0°, ridge below ⇒ 270°', () => {
    const right = skeletonFrom([row, `..${'#'.repeat(25)}...`, row]);
    const e = detectMinutiae(right).find((m) => m.x === 2)!;
    expect(deg(minutiaDirection(right, e, uniformField(30, 3, 0)))).toBe(0);
    const rows = Array.from({ length: 30 }, (_, y) => (y >= 2 && y < 28 ? '..#..' : '.....'));
    const down = skeletonFrom(rows);
    const top = detectMinutiae(down).find((m) => m.y === 2)!;
    expect(deg(minutiaDirection(down, top, uniformField(5, 30, Math.PI / 2)))).toBe(270);
  });

  it('points a bifurcation away from its stem, between the branches (valley direction)', () => {
    const s = skeletonFrom([
      '..........................',
      '...............###########',
      '.............##...........',
      '..###########.............',
      '.............##...........',
      '...............###########',
      '..........................',
    ]);
    const b = detectMinutiae(s).find((m) => m.type === 'bifurcation')!;
    // Without the field's help (it disagrees by 90°), the traced fork alone decides.
    expect(deg(minutiaDirection(s, b, uniformField(26, 7, Math.PI / 2)))).toBe(0);
    expect(deg(minutiaDirection(s, b, uniformField(26, 7, 0)))).toBe(0);
  });
});
