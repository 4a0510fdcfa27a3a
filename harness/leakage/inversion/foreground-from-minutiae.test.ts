import { describe, expect, it } from 'vitest';
import type { FingerTemplate } from '../../../sim/matcher/template.ts';
import { foregroundFromMinutiae } from './foreground-from-minutiae.ts';

const square: FingerTemplate = {
  width: 200,
  height: 200,
  ppi: 500,
  quality: 50,
  minutiae: [
    [60, 60],
    [140, 60],
    [140, 140],
    [60, 140],
  ].map(([x, y]) => ({ x, y, angle: 0, type: 'ending' as const, quality: 50 })),
};

describe('foregroundFromMinutiae', () => {
  it('covers the minutiae hull and the margin around it, nothing beyond', () => {
    const mask = foregroundFromMinutiae(square, 20);
    const at = (x: number, y: number) => mask[y * square.width + x];
    expect(at(100, 100)).toBe(1);
    expect(at(60, 60)).toBe(1);
    expect(at(42, 100)).toBe(1);
    expect(at(38, 100)).toBe(0);
    // Corners are rounded: 20 px from the vertex diagonally is inside, 15 px more is not.
    expect(at(60 - 14, 60 - 14)).toBe(1);
    expect(at(60 - 16, 60 - 16)).toBe(0);
    expect(at(5, 5)).toBe(0);
  });
});
