import type { Random } from '../../random/index.ts';
import { CONTACT } from './impression-parameters.ts';
import type { Placement } from './placement.ts';
import type { SilhouetteEllipse } from './silhouette-ellipse.ts';

/**
 * The part of the finger pad that touches the platen, in sensor pixels: an ellipse along the finger's
 * axis whose size grows with pressure, with an irregular rim (low Fourier harmonics of the radius).
 * Pressure inside falls from the middle to zero at the rim, so ridges thin out and break towards the
 * edge as in real plain impressions.
 */
export interface ContactArea {
  readonly cx: number;
  readonly cy: number;
  readonly semiMajor: number;
  readonly semiMinor: number;
  /** Major-axis angle in image coordinates (y down). */
  readonly axisAngle: number;
  /** Radius modulation 1 + Σ aₖ cos(kφ + φₖ), k = 2, 3, … */
  readonly amplitudes: readonly number[];
  readonly phases: readonly number[];
}

export function drawContactArea(
  random: Random,
  silhouette: SilhouetteEllipse,
  placement: Placement,
  pressure: number,
): ContactArea {
  const size =
    (CONTACT.sizeAtLightPressure + (CONTACT.sizeAtFirmPressure - CONTACT.sizeAtLightPressure) * pressure) *
    placement.scale;
  // The silhouette's axis turned the way placement turns the finger (counter-clockwise as seen).
  const axisAngle = silhouette.angle - placement.rotation;
  const amplitudes: number[] = [];
  const phases: number[] = [];
  for (let k = 2; k <= CONTACT.harmonics; k++) {
    amplitudes.push(random.normal(0, CONTACT.irregularity / k));
    phases.push(random.uniform(0, 2 * Math.PI));
  }
  return {
    cx: placement.landX,
    cy: placement.landY,
    semiMajor: silhouette.major * size * CONTACT.elongation,
    semiMinor: silhouette.minor * size * CONTACT.widthShare,
    axisAngle,
    amplitudes,
    phases,
  };
}

/** Normalised contact radius at a sensor point: < 1 inside, 1 on the irregular rim. */
export function contactRadius(c: ContactArea, x: number, y: number): number {
  return radiusFunction(c)(x, y);
}

/** contactRadius with the per-area trigonometry done once, for per-pixel use. */
function radiusFunction(c: ContactArea): (x: number, y: number) => number {
  const ca = Math.cos(c.axisAngle) / c.semiMajor;
  const sa = Math.sin(c.axisAngle) / c.semiMajor;
  const cb = Math.cos(c.axisAngle) / c.semiMinor;
  const sb = Math.sin(c.axisAngle) / c.semiMinor;
  const n = c.amplitudes.length;
  const ac = Float64Array.from(c.amplitudes, (a, i) => a * Math.cos(c.phases[i]));
  const as = Float64Array.from(c.amplitudes, (a, i) => a * Math.sin(c.phases[i]));
  return (x, y) => {
    const dx = x - c.cx;
    const dy = y - c.cy;
    const u = dx * ca + dy * sa;
    const v = -dx * sb + dy * cb;
    const r = Math.sqrt(u * u + v * v);
    if (r === 0) return 0;
    // cos(kφ), sin(kφ) by the angle-addition recurrence: no trigonometry per pixel.
    const c1 = u / r;
    const s1 = v / r;
    let ck = c1;
    let sk = s1;
    let modulation = 1;
    for (let i = 0; i < n; i++) {
      const cn = ck * c1 - sk * s1;
      sk = sk * c1 + ck * s1;
      ck = cn;
      modulation += ac[i] * ck - as[i] * sk;
    }
    return r / Math.max(modulation, 0.5);
  };
}

/** Pressure profile 1 − ρ² of an elastic pad pressed flat (paraboloid): highest in the middle. */
function pressureOf(r: number): number {
  return r >= 1 ? 0 : 1 - r * r;
}

/** Local finger pressure in [0, 1]: 1 − ρ² inside the contact, 0 outside. */
export function contactPressure(c: ContactArea, x: number, y: number): number {
  return pressureOf(contactRadius(c, x, y));
}

/**
 * Pressure of every sensor pixel, row-major. The normalised radius is smooth (an ellipse with low
 * harmonics), so it is evaluated on a grid every GRID pixels and interpolated bilinearly.
 */
export function contactPressureMap(c: ContactArea, width: number, height: number): Float32Array {
  const GRID = 4;
  const gw = Math.ceil((width - 1) / GRID) + 2;
  const gh = Math.ceil((height - 1) / GRID) + 2;
  const radius = radiusFunction(c);
  const g = new Float32Array(gw * gh);
  for (let j = 0; j < gh; j++) for (let i = 0; i < gw; i++) g[j * gw + i] = radius(i * GRID, j * GRID);
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const j = (y / GRID) | 0;
    const fy = y / GRID - j;
    for (let x = 0; x < width; x++) {
      const i = (x / GRID) | 0;
      const fx = x / GRID - i;
      const k = j * gw + i;
      const top = g[k] + (g[k + 1] - g[k]) * fx;
      const r = top + (g[k + gw] + (g[k + gw + 1] - g[k + gw]) * fx - top) * fy;
      if (r < 1) out[y * width + x] = pressureOf(r);
    }
  }
  return out;
}
