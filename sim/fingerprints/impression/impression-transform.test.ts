import { describe, expect, it } from 'vitest';
import {
  type ImpressionTransform,
  inverseMap,
  transformAngle,
  transformForward,
  transformInverse,
} from './impression-transform.ts';
import { NO_DISTORTION } from './plastic-distortion.ts';

const t: ImpressionTransform = {
  placement: { rotation: 0.25, scale: 1, padX: 200, padY: 260, landX: 190, landY: 200 },
  distortion: {
    cx: 190,
    cy: 200,
    semiMajor: 70,
    semiMinor: 50,
    axisAngle: 1.3,
    k: 45,
    dx: 9,
    dy: 6,
    theta: -0.08,
  },
};

describe('impression transform', () => {
  it('inverse undoes forward', () => {
    const a = new Float64Array(2);
    const b = new Float64Array(2);
    for (const [x, y] of [
      [200, 260],
      [50, 80],
      [350, 420],
    ]) {
      transformForward(t, x, y, a);
      transformInverse(t, a[0], a[1], b);
      expect(Math.hypot(b[0] - x, b[1] - y)).toBeLessThan(1e-3);
    }
  });

  it('turns directions by the placement rotation where there is no distortion', () => {
    const rigid = { ...t, distortion: NO_DISTORTION };
    expect(transformAngle(rigid, 100, 100, 0.5)).toBeCloseTo(0.75, 9);
    expect(transformAngle(rigid, 100, 100, 2 * Math.PI - 0.1)).toBeCloseTo(0.15, 9);
  });

  it('the per-pixel inverse map agrees with the exact inverse to a small fraction of a ridge period', () => {
    const m = inverseMap(t, 388, 374);
    const p = new Float64Array(2);
    let worst = 0;
    for (let y = 0; y < 374; y += 7)
      for (let x = 0; x < 388; x += 7) {
        transformInverse(t, x, y, p);
        const o = y * 388 + x;
        worst = Math.max(worst, Math.hypot(m.x[o] - p[0], m.y[o] - p[1]));
      }
    expect(worst).toBeLessThan(0.1);
  });
});
