import { describe, expect, it } from 'vitest';
import { stream } from '../../random/index.ts';
import { PLACEMENT } from './impression-parameters.ts';
import { drawPlacement, placeForward, placeInverse } from './placement.ts';

const silhouette = { cx: 200, cy: 250, major: 200, minor: 130, angle: Math.PI / 2 };
const sensor = { width: 388, height: 374, scale: 1 };

describe('placement', () => {
  it('keeps rotation within ±20° and spreads it over both directions', () => {
    let pos = 0;
    for (let i = 0; i < 400; i++) {
      const p = drawPlacement(stream('t', 'placement', i), silhouette, sensor);
      expect(Math.abs(p.rotation)).toBeLessThanOrEqual(PLACEMENT.maxRotation + 1e-12);
      if (p.rotation > 0) pos++;
      expect(Math.abs(p.landX - 194)).toBeLessThanOrEqual(388 * PLACEMENT.maxTranslation + 1e-9);
    }
    expect(pos).toBeGreaterThan(150);
    expect(pos).toBeLessThan(250);
  });

  it('puts the pad below the silhouette centre (towards the finger base)', () => {
    let below = 0;
    for (let i = 0; i < 200; i++)
      if (drawPlacement(stream('t', 'p', i), silhouette, sensor).padY > 250) below++;
    expect(below).toBeGreaterThan(140);
  });

  it('turns a minutia direction counter-clockwise as seen for a positive rotation', () => {
    const p = { rotation: Math.PI / 2, scale: 1, padX: 0, padY: 0, landX: 100, landY: 100 };
    const out = new Float64Array(2);
    // The +x direction turned 90° counter-clockwise on screen points up, i.e. towards −y.
    placeForward(p, 10, 0, out);
    expect(out[0]).toBeCloseTo(100, 9);
    expect(out[1]).toBeCloseTo(90, 9);
  });

  it('inverts exactly, with scale', () => {
    const p = { rotation: 0.3, scale: 1.28, padX: 180, padY: 260, landX: 300, landY: 220 };
    const a = new Float64Array(2);
    const b = new Float64Array(2);
    for (const [x, y] of [
      [0, 0],
      [123.5, 77.25],
      [400, 500],
    ]) {
      placeForward(p, x, y, a);
      placeInverse(p, a[0], a[1], b);
      expect(b[0]).toBeCloseTo(x, 9);
      expect(b[1]).toBeCloseTo(y, 9);
    }
    placeForward(p, 190, 260, a);
    expect(Math.hypot(a[0] - 300, a[1] - 220)).toBeCloseTo(12.8, 9);
  });
});
