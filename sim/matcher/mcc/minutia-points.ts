import type { FingerTemplate } from '../template.ts';
import { MCC_PPI } from './mcc-parameters.ts';

/**
 * A template's minutiae as MCC works on them: structure-of-arrays, scaled to 500 ppi and turned into a
 * right-handed frame (y up), so that an angle θ has the direction (cos θ, sin θ) as in the paper.
 */
export interface MinutiaPoints {
  readonly count: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly angle: Float64Array;
  /** ISO quality 0–100 (0: not reported). */
  readonly quality: Uint8Array;
}

export function minutiaPoints(template: FingerTemplate): MinutiaPoints {
  const n = template.minutiae.length;
  const scale = template.ppi > 0 ? MCC_PPI / template.ppi : 1;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const angle = new Float64Array(n);
  const quality = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const m = template.minutiae[i];
    x[i] = m.x * scale;
    // ISO angles are counter-clockwise as a person sees the image, whose y axis points down: negating
    // y keeps the angle and makes the frame right-handed.
    y[i] = -m.y * scale;
    angle[i] = m.angle;
    quality[i] = m.quality;
  }
  return { count: n, x, y, angle, quality };
}
