import { createGrayImage, type GrayImage } from '../../../sim/image/gray-image.ts';

export const PHASE_RENDERING = {
  /** Grey of the mid-level and the ridge-to-valley half swing: dark crests, light valleys, no clipping. */
  mean: 128,
  swing: 100,
  background: 255,
} as const;

/**
 * Stage 5: an 8-bit, 500-ppi image of the ridge pattern cos ψ, ridges dark as sensors deliver them,
 * white outside the print's mask.
 */
export function renderPhase(
  width: number,
  height: number,
  mask: Uint8Array,
  psiAt: (x: number, y: number) => number,
): GrayImage {
  const img = createGrayImage(width, height, 500, PHASE_RENDERING.background);
  const { mean, swing } = PHASE_RENDERING;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!mask[i]) continue;
      const psi = psiAt(x, y);
      if (Number.isNaN(psi)) continue;
      img.data[i] = Math.round(mean - swing * Math.cos(psi));
    }
  }
  return img;
}
