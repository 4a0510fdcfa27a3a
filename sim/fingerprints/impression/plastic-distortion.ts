import type { Random } from '../../random/index.ts';
import type { ContactArea } from './contact-area.ts';
import { DISTORTION } from './impression-parameters.ts';

/**
 * Plastic skin distortion after Cappelli, Maio and Maltoni, "Modelling plastic distortion in
 * fingerprint images" (ICAPR 2001): the finger pressed on the platen and pushed or twisted
 * sideways keeps a close-contact region R undistorted (friction holds it), the external region moves
 * rigidly (translation d, rotation θ about R's centre c), and a transitional region blends the two:
 *
 *   distortion(v) = v + Δ(v) · brake(shapedist_R(v), k),   Δ(v) = d + r_θ(v − c) + c − v
 *
 * with shapedist_R the distance of v from R and brake rising smoothly from 0 at R's boundary to 1,
 * here brake(s, k) = 1 − exp(−s² / (2k²)). All values are in sensor pixels.
 */
export interface PlasticDistortion {
  /** Close-contact ellipse R. */
  readonly cx: number;
  readonly cy: number;
  readonly semiMajor: number;
  readonly semiMinor: number;
  readonly axisAngle: number;
  /** Transitional region width k. */
  readonly k: number;
  /** Rigid motion of the external region. */
  readonly dx: number;
  readonly dy: number;
  /** Radians, counter-clockwise as seen. */
  readonly theta: number;
}

export const NO_DISTORTION: PlasticDistortion = {
  cx: 0,
  cy: 0,
  semiMajor: 1,
  semiMinor: 1,
  axisAngle: 0,
  k: 1,
  dx: 0,
  dy: 0,
  theta: 0,
};

export function drawPlasticDistortion(
  random: Random,
  contact: ContactArea,
  scale: number,
): PlasticDistortion {
  const [f0, f1] = DISTORTION.closeContactFraction;
  const f = random.uniform(f0, f1);
  const clipped = (sd: number, max: number) => random.truncatedNormal(0, sd, -max, max);
  return {
    cx: contact.cx,
    cy: contact.cy,
    semiMajor: contact.semiMajor * f,
    semiMinor: contact.semiMinor * f,
    axisAngle: contact.axisAngle,
    k: random.uniform(DISTORTION.transition[0], DISTORTION.transition[1]) * scale,
    dx: clipped(DISTORTION.translationSd, DISTORTION.maxTranslation) * scale,
    dy: clipped(DISTORTION.translationSd, DISTORTION.maxTranslation) * scale,
    theta: clipped(DISTORTION.rotationSd, DISTORTION.maxRotation),
  };
}

/** Distance from R (0 inside), exact for circles and close for ellipses of modest eccentricity. */
export function shapeDistance(d: PlasticDistortion, x: number, y: number): number {
  const ca = Math.cos(d.axisAngle);
  const sa = Math.sin(d.axisAngle);
  const ex = x - d.cx;
  const ey = y - d.cy;
  const u = (ex * ca + ey * sa) / d.semiMajor;
  const v = (-ex * sa + ey * ca) / d.semiMinor;
  const rho2 = u * u + v * v;
  return rho2 <= 1 ? 0 : Math.sqrt(ex * ex + ey * ey) * (1 - 1 / Math.sqrt(rho2));
}

export function brake(distance: number, k: number): number {
  return 1 - Math.exp(-(distance * distance) / (2 * k * k));
}

/** The displacement Δ(v)·brake at v, written into `out`. */
export function displacement(d: PlasticDistortion, x: number, y: number, out: Float64Array): void {
  const b = brake(shapeDistance(d, x, y), d.k);
  const c = Math.cos(d.theta);
  const s = Math.sin(d.theta);
  const ex = x - d.cx;
  const ey = y - d.cy;
  // r_θ counter-clockwise as seen (y down), like placement.
  const rx = d.cx + c * ex + s * ey + d.dx;
  const ry = d.cy - s * ex + c * ey + d.dy;
  out[0] = (rx - x) * b;
  out[1] = (ry - y) * b;
}

const tmp = new Float64Array(2);

/** Skin point v → where it lands on the platen. */
export function distortForward(d: PlasticDistortion, x: number, y: number, out: Float64Array): void {
  displacement(d, x, y, tmp);
  out[0] = x + tmp[0];
  out[1] = y + tmp[1];
}

/**
 * Platen point → the skin point that landed there, by the fixed-point iteration v ← q − Δ(v)·brake(v),
 * which converges because the displacement varies slowly (its Jacobian's norm stays below 1 for the
 * parameter ranges in impression-parameters.ts).
 */
export function distortInverse(d: PlasticDistortion, x: number, y: number, out: Float64Array): void {
  let vx = x;
  let vy = y;
  for (let i = 0; i < DISTORTION.inverseIterations; i++) {
    displacement(d, vx, vy, tmp);
    const nx = x - tmp[0];
    const ny = y - tmp[1];
    const moved = Math.abs(nx - vx) + Math.abs(ny - vy);
    vx = nx;
    vy = ny;
    if (moved < 1e-4) break;
  }
  out[0] = vx;
  out[1] = vy;
}
