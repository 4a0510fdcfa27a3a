import { describe, expect, it } from 'vitest';
import { stream } from '../../random/stream.ts';
import type { PatternClass } from '../master-fingerprint.ts';
import { areaShape } from './fingerprint-area.ts';
import {
  flowDivergence,
  type OrientationModel,
  orientationAt,
  orientationField,
  orientationModel,
} from './orientation-field.ts';
import { PATTERN_CLASSES } from './pattern-class.ts';
import { placeSingularPoints } from './singular-points.ts';

function setup(cls: PatternClass, i: number) {
  const shape = areaShape(7, stream('of-test', i, 'area'));
  const layout = placeSingularPoints(cls, shape, stream('of-test', i, 'sp'));
  return { shape, layout, model: orientationModel(cls, shape, layout, stream('of-test', i, 'flow')) };
}

/** Difference of two orientations, wrapped to (-π/2, π/2]. */
function turn(a: number, b: number): number {
  let d = b - a;
  while (d > Math.PI / 2) d -= Math.PI;
  while (d <= -Math.PI / 2) d += Math.PI;
  return d;
}

/** Poincaré index of the flow around a circle: +½ for a core, −½ for a delta, 0 elsewhere. */
function poincare(m: OrientationModel, x: number, y: number, r: number): number {
  const n = 96;
  let sum = 0;
  let prev = orientationAt(m, x + r, y);
  for (let k = 1; k <= n; k++) {
    const a = (2 * Math.PI * k) / n;
    const cur = orientationAt(m, x + r * Math.cos(a), y + r * Math.sin(a));
    sum += turn(prev, cur);
    prev = cur;
  }
  return sum / (2 * Math.PI);
}

describe('orientation field', () => {
  it('has index +½ at every core, −½ at every delta, and no other singularity', () => {
    for (const cls of PATTERN_CLASSES) {
      for (let i = 0; i < 5; i++) {
        const { shape, layout, model } = setup(cls, i);
        for (const p of layout.points) {
          expect(poincare(model, p.x, p.y, 6)).toBeCloseTo(p.type === 'core' ? 0.5 : -0.5, 6);
        }
        const far = (x: number, y: number) => layout.points.every((p) => Math.hypot(p.x - x, p.y - y) > 40);
        for (let y = shape.top + 30; y < shape.bottom - 30; y += 37) {
          for (let x = shape.centerX - 100; x <= shape.centerX + 100; x += 41) {
            if (far(x, y)) expect(poincare(model, x, y, 15)).toBeCloseTo(0, 6);
          }
        }
      }
    }
  });

  it('opens right loops to the right and left loops to the left', () => {
    for (const [cls, side] of [
      ['right-loop', 1],
      ['left-loop', -1],
    ] as const) {
      for (let i = 0; i < 20; i++) {
        const { layout, model } = setup(cls, i);
        const core = layout.points[0];
        let best = { misalignment: 2, phi: 0 };
        for (let k = 0; k < 180; k++) {
          const phi = (2 * Math.PI * k) / 180;
          const theta = orientationAt(model, core.x + 30 * Math.cos(phi), core.y + 30 * Math.sin(phi));
          const misalignment = Math.abs(Math.sin(theta - phi));
          if (misalignment < best.misalignment) best = { misalignment, phi };
        }
        expect(Math.sign(Math.cos(best.phi))).toBe(side);
      }
    }
  });

  it('is smooth away from singular points and nearly horizontal at the base', () => {
    const { shape, layout, model } = setup('whorl', 1);
    const field = orientationField(model, shape.width, shape.height);
    let worst = 0;
    for (let y = Math.ceil(shape.top); y < shape.bottom - 1; y += 3) {
      for (let x = 20; x < shape.width - 21; x += 3) {
        if (layout.points.some((p) => Math.hypot(p.x - x, p.y - y) < 25)) continue;
        const i = y * shape.width + x;
        worst = Math.max(
          worst,
          Math.abs(turn(field[i], field[i + 1])),
          Math.abs(turn(field[i], field[i + shape.width])),
        );
      }
    }
    expect(worst).toBeLessThan(0.08);
    const base = orientationAt(model, shape.centerX, shape.bottom - 10);
    expect(Math.abs(Math.sin(base))).toBeLessThan(0.25);
  });

  it('gives plain arches an upward bump over the centre and no singular point', () => {
    const { shape, layout, model } = setup('arch', 3);
    const left = orientationAt(model, layout.centerX - 40, layout.centerY - 40);
    const right = orientationAt(model, layout.centerX + 40, layout.centerY - 40);
    // y grows downwards: rising to the apex from the left means a direction up-right (θ near π).
    expect(Math.sin(2 * left)).toBeLessThan(-0.1);
    expect(Math.sin(2 * right)).toBeGreaterThan(0.1);
    expect(poincare(model, layout.centerX, layout.centerY, 30)).toBeCloseTo(0, 6);
    expect(shape.width).toBeGreaterThan(0);
  });

  it('gives the flow divergence dθ/dn that a central difference of orientationAt measures', () => {
    let checked = 0;
    for (const cls of ['right-loop', 'whorl', 'tented-arch'] as PatternClass[]) {
      const { shape, model } = setup(cls, 3);
      for (let k = 0; k < 40; k++) {
        const x = shape.centerX - 80 + (k % 8) * 20;
        const y = shape.top + 60 + Math.floor(k / 8) * 50;
        const near = [...model.cores, ...model.deltas].some((p) => Math.hypot(x - p.x, y - p.y) < 25);
        if (near) continue;
        const theta = orientationAt(model, x, y);
        const n = [-Math.sin(theta), Math.cos(theta)];
        const h = 0.25;
        const numeric =
          turn(
            orientationAt(model, x - n[0] * h, y - n[1] * h),
            orientationAt(model, x + n[0] * h, y + n[1] * h),
          ) /
          (2 * h);
        expect(flowDivergence(model, x, y, theta, 4)).toBeCloseTo(numeric, 2);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });
});
