import { describe, expect, it } from 'vitest';
import type { FingerTemplate, Minutia } from '../../../sim/matcher/template.ts';
import { orientationAt, orientationFromMinutiae } from './orientation-from-minutiae.ts';

function template(minutiae: Partial<Minutia>[]): FingerTemplate {
  return {
    width: 160,
    height: 96,
    ppi: 500,
    quality: 60,
    minutiae: minutiae.map((m) => ({ x: 80, y: 48, angle: 0, type: 'ending', quality: 60, ...m })),
  };
}

/** Distance between two orientations modulo π. */
function apart(a: number, b: number): number {
  const d = Math.abs(a - b) % Math.PI;
  return Math.min(d, Math.PI - d);
}

describe('orientationFromMinutiae', () => {
  it('turns ISO angles (counter-clockwise, y up) into pixel-coordinate ridge directions', () => {
    // 30° counter-clockwise as a person sees it is −30° in pixel coordinates (y down), i.e. 150° mod π.
    const f = orientationFromMinutiae(template([{ angle: Math.PI / 6 }]));
    expect(apart(orientationAt(f, 3, 3), (5 * Math.PI) / 6)).toBeLessThan(1e-5);
    expect(f.cols).toBe(20);
    expect(f.rows).toBe(12);
  });

  it('lets an ending and a bifurcation pointing opposite ways agree (directions are modulo π)', () => {
    const f = orientationFromMinutiae(
      template([
        { x: 40, angle: 0.3 },
        { x: 120, angle: 0.3 + Math.PI, type: 'bifurcation' },
      ]),
    );
    for (const t of f.theta) expect(apart(t, -0.3)).toBeLessThan(1e-4);
  });

  it('follows the nearest minutiae, and turns smoothly between them', () => {
    const f = orientationFromMinutiae(
      template([
        { x: 10, angle: 0 },
        { x: 150, angle: -Math.PI / 4 },
      ]),
    );
    expect(apart(orientationAt(f, 1, 6), 0)).toBeLessThan(0.05);
    expect(apart(orientationAt(f, 18, 6), Math.PI / 4)).toBeLessThan(0.05);
    const middle = orientationAt(f, 10, 6);
    expect(middle).toBeGreaterThan(0.05);
    expect(middle).toBeLessThan(Math.PI / 4 - 0.05);
  });

  it('refuses a template without minutiae', () => {
    expect(() => orientationFromMinutiae(template([]))).toThrow(/without minutiae/);
  });
});
