import { describe, expect, it } from 'vitest';
import { stream } from '../../random/index.ts';
import { DISTORTION } from './impression-parameters.ts';
import {
  brake,
  distortForward,
  distortInverse,
  drawPlasticDistortion,
  type PlasticDistortion,
  shapeDistance,
} from './plastic-distortion.ts';

const d: PlasticDistortion = {
  cx: 200,
  cy: 180,
  semiMajor: 60,
  semiMinor: 45,
  axisAngle: Math.PI / 2,
  k: 40,
  dx: 12,
  dy: -8,
  theta: 0.1,
};

describe('plastic distortion (Cappelli, Maio, Maltoni 2001)', () => {
  const out = new Float64Array(2);

  it('leaves the close-contact region untouched', () => {
    for (const [x, y] of [
      [200, 180],
      [230, 200],
      [200, 235],
    ]) {
      distortForward(d, x, y, out);
      expect(out[0]).toBe(x);
      expect(out[1]).toBe(y);
    }
  });

  it('moves the external region rigidly (translation plus rotation about the centre)', () => {
    const x = 200 + 400;
    const y = 180;
    distortForward(d, x, y, out);
    // Far away brake ≈ 1: v ↦ c + r_θ(v − c) + d.
    expect(out[0]).toBeCloseTo(200 + 400 * Math.cos(0.1) + 12, 3);
    expect(out[1]).toBeCloseTo(180 - 400 * Math.sin(0.1) - 8, 3);
  });

  it('blends through a transitional region: displacement grows with distance from R', () => {
    const mag = (t: number) => {
      distortForward(d, 200 + 45 + t, 180, out);
      return Math.hypot(out[0] - (245 + t), out[1] - 180);
    };
    expect(mag(5)).toBeLessThan(mag(30));
    expect(mag(30)).toBeLessThan(mag(80));
    expect(brake(0, 40)).toBe(0);
    expect(brake(400, 40)).toBeCloseTo(1, 9);
    expect(shapeDistance(d, 200, 180)).toBe(0);
    expect(shapeDistance(d, 200 + 45 + 10, 180)).toBeCloseTo(10, 9);
  });

  it('inverts the forward map to well under a pixel everywhere, for drawn parameter sets', () => {
    const back = new Float64Array(2);
    for (let i = 0; i < 20; i++) {
      const contact = {
        cx: 194,
        cy: 187,
        semiMajor: 170,
        semiMinor: 110,
        axisAngle: 1.4,
        amplitudes: [],
        phases: [],
      };
      const dd = drawPlasticDistortion(stream('t', 'distortion', i), contact, 1);
      expect(Math.abs(dd.theta)).toBeLessThanOrEqual(DISTORTION.maxRotation);
      for (let y = -50; y <= 450; y += 25)
        for (let x = -50; x <= 450; x += 25) {
          distortForward(dd, x, y, out);
          distortInverse(dd, out[0], out[1], back);
          expect(Math.hypot(back[0] - x, back[1] - y)).toBeLessThan(0.01);
        }
    }
  });
});
