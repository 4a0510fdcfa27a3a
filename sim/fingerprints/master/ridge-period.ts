import type { Random } from '../../random/random.ts';
import type { SingularLayout } from './singular-points.ts';
import { PERIOD } from './synthesis-parameters.ts';

/**
 * Ridge period model: a per-finger mean near 0.46 mm (9 px at 500 ppi), narrower above the
 * pattern centre and wider below it (as SFinGe's density map and measured fingers show), plus a
 * smooth random wobble of a few tenths of a pixel, clamped to real bounds.
 */
export interface PeriodModel {
  readonly mean: number;
  readonly swing: number;
  readonly centerY: number;
  readonly waves: Float64Array;
}

const WAVES = 3;

/** Stage 5a: draws the period model's parameters. */
export function periodModel(layout: SingularLayout, random: Random): PeriodModel {
  const waves = new Float64Array(WAVES * 4);
  for (let i = 0; i < WAVES; i++) {
    const wavelength = random.uniform(PERIOD.wobbleWavelength.min, PERIOD.wobbleWavelength.max);
    const direction = random.uniform(0, Math.PI);
    waves[i * 4] = ((2 * Math.PI) / wavelength) * Math.cos(direction);
    waves[i * 4 + 1] = ((2 * Math.PI) / wavelength) * Math.sin(direction);
    waves[i * 4 + 2] = random.uniform(0, 2 * Math.PI);
    waves[i * 4 + 3] = PERIOD.wobble / Math.sqrt(WAVES);
  }
  return {
    mean: random.truncatedNormal(PERIOD.mean, PERIOD.meanSd, PERIOD.mean - 0.8, PERIOD.mean + 0.8),
    swing: random.uniform(PERIOD.verticalSwing.min, PERIOD.verticalSwing.max),
    centerY: layout.centerY,
    waves,
  };
}

/** Ridge period (px) at (x, y). */
export function periodAt(m: PeriodModel, x: number, y: number): number {
  let t = m.mean + m.swing * Math.tanh((y - m.centerY) / PERIOD.swingScale);
  const w = m.waves;
  for (let i = 0; i < w.length; i += 4) t += w[i + 3] * Math.cos(w[i] * x + w[i + 1] * y + w[i + 2]);
  return Math.min(PERIOD.max, Math.max(PERIOD.min, t));
}

/** Largest |wobble| the period model's waves can add (px): for bounds that skip periodAt. */
export function wobbleBound(m: PeriodModel): number {
  let sum = 0;
  for (let i = 3; i < m.waves.length; i += 4) sum += Math.abs(m.waves[i]);
  return sum;
}

/**
 * Relative growth of the period along the unit direction (c, s) at (x, y), (dT/ds)/T per px (T
 * unclamped in the derivative, clamped as periodAt clamps in the quotient): how fast ridges
 * widen along the flow, for template-only minutia directions.
 */
export function periodGrowth(m: PeriodModel, x: number, y: number, c: number, s: number): number {
  const th = Math.tanh((y - m.centerY) / PERIOD.swingScale);
  let t = m.mean + m.swing * th;
  let slope = (s * m.swing * (1 - th * th)) / PERIOD.swingScale;
  const w = m.waves;
  for (let i = 0; i < w.length; i += 4) {
    const arg = w[i] * x + w[i + 1] * y + w[i + 2];
    t += w[i + 3] * Math.cos(arg);
    slope -= w[i + 3] * Math.sin(arg) * (w[i] * c + w[i + 1] * s);
  }
  return slope / Math.min(PERIOD.max, Math.max(PERIOD.min, t));
}

const GRID = 8;

/** Stage 5: the ridge-period map over the whole canvas, from an 8-px grid (the map is smooth). */
export function ridgePeriodMap(m: PeriodModel, width: number, height: number): Float32Array {
  const gw = Math.ceil(width / GRID) + 1;
  const gh = Math.ceil(height / GRID) + 1;
  const grid = new Float64Array(gw * gh);
  for (let gy = 0; gy < gh; gy++) {
    for (let gx = 0; gx < gw; gx++) grid[gy * gw + gx] = periodAt(m, gx * GRID, gy * GRID);
  }
  const map = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = Math.floor(y / GRID);
    const fy = y / GRID - gy;
    for (let x = 0; x < width; x++) {
      const gx = Math.floor(x / GRID);
      const fx = x / GRID - gx;
      const i = gy * gw + gx;
      const top = grid[i] + fx * (grid[i + 1] - grid[i]);
      const bottom = grid[i + gw] + fx * (grid[i + gw + 1] - grid[i + gw]);
      map[y * width + x] = top + fy * (bottom - top);
    }
  }
  return map;
}
