import type { FingerPosition } from '../fingerprints/finger-position.ts';

/** ISO/IEC 19794-2 minutia types. */
export type MinutiaType = 'ending' | 'bifurcation' | 'other';

/**
 * A minutia in image pixel coordinates (origin top-left, y down, at the template's ppi).
 *
 * `angle` is in radians in [0, 2π), measured counter-clockwise from the image's x axis as a person
 * sees the image (ISO/IEC 19794-2), so the direction vector in pixel coordinates is
 * (cos angle, −sin angle). It points from the minutia along its ridge for an ending (into the
 * ridge body) and along the valley between the two branches for a bifurcation (by ridge/valley
 * duality, a bifurcation is a valley ending). Synthesis ground truth and extraction both use this.
 */
export interface Minutia {
  x: number;
  y: number;
  angle: number;
  type: MinutiaType;
  /** 0–100 as in ISO/IEC 19794-2; 0 means "not reported". */
  quality: number;
}

export type SingularPointType = 'core' | 'delta';

export interface SingularPoint {
  type: SingularPointType;
  x: number;
  y: number;
  /** Radians, same convention as minutiae; deltas may carry three directions in ISO, we keep one. */
  angle?: number;
}

/** One finger's features: what an ISO/IEC 19794-2 finger view holds. */
export interface FingerTemplate {
  width: number;
  height: number;
  /** Pixels per inch of the coordinates (ISO stores pixels per cm; 500 ppi ≈ 197 px/cm). */
  ppi: number;
  position?: FingerPosition;
  /** 0–100 finger quality. */
  quality: number;
  minutiae: Minutia[];
  singularPoints?: SingularPoint[];
}

/** Normalises an angle to [0, 2π). */
export function normalizeAngle(a: number): number {
  const t = a % (2 * Math.PI);
  return t < 0 ? t + 2 * Math.PI : t;
}
