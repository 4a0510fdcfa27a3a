import type { OrientationField } from './orientation-field.ts';
import type { ForegroundMask } from './segmentation.ts';

/** Coherence at which a region counts as fully reliable. */
const FULL_COHERENCE = 0.7;
/** Contrast (std of gray) at which ridges count as fully clear. */
const FULL_CONTRAST = 30;
/** Distance (px) from the mask edge beyond which the edge no longer lowers quality. */
const SAFE_DISTANCE = 30;

/**
 * Minutia quality 1–100 (ISO/IEC 19794-2; 0 would mean "not reported"): the product of ridge-flow
 * coherence, local contrast, and distance from the foreground edge, each saturating at a level
 * where it stops being a source of error.
 */
export function minutiaQuality(
  x: number,
  y: number,
  field: OrientationField,
  mask: ForegroundMask,
  edgeDistance: Float32Array,
): number {
  const i = Math.round(y) * field.width + Math.round(x);
  const coherence = Math.min(1, field.coherence[i] / FULL_COHERENCE);
  const contrast = Math.min(1, mask.contrast[i] / FULL_CONTRAST);
  const edge = Math.min(1, edgeDistance[i] / SAFE_DISTANCE);
  return Math.max(1, Math.min(100, Math.round(100 * coherence * contrast * (0.5 + 0.5 * edge))));
}

/** Finger quality 0–100: the mean coherence of the foreground, scaled like minutia quality. */
export function fingerQuality(field: OrientationField, mask: ForegroundMask): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    s += Math.min(1, field.coherence[i] / FULL_COHERENCE);
    n++;
  }
  return n === 0 ? 0 : Math.round((100 * s) / n);
}
