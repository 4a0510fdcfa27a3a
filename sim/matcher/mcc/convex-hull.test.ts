import { describe, expect, it } from 'vitest';
import { convexHull, withinHull } from './convex-hull.ts';

const square = convexHull(Float64Array.from([0, 10, 10, 0, 5]), Float64Array.from([0, 0, 10, 10, 5]));

describe('convex hull', () => {
  it('keeps only the corners of a square with an inner point', () => {
    expect(square.vertices.length / 2).toBe(4);
  });

  it('accepts points inside or within the margin, refuses points beyond', () => {
    expect(withinHull(square, 5, 5, 0)).toBe(true);
    expect(withinHull(square, 12, 5, 3)).toBe(true);
    expect(withinHull(square, 14, 5, 3)).toBe(false);
    expect(withinHull(square, 12.5, 12.5, 3)).toBe(false);
  });

  it('treats one or two minutiae as a point or a segment', () => {
    const one = convexHull(Float64Array.from([3]), Float64Array.from([4]));
    expect(withinHull(one, 3, 6, 2)).toBe(true);
    expect(withinHull(one, 3, 7, 2)).toBe(false);
    const two = convexHull(Float64Array.from([0, 10]), Float64Array.from([0, 0]));
    expect(withinHull(two, 5, 1, 2)).toBe(true);
    expect(withinHull(two, 5, 3, 2)).toBe(false);
  });
});
