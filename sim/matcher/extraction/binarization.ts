import type { FloatImage } from './normalization.ts';
import type { ForegroundMask } from './segmentation.ts';

/** A binary image: 1 = ridge pixel, 0 = valley or background. */
export interface BinaryImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Ridges are where the enhanced image is positive (the band-pass output has zero mean, so zero
 * is the natural threshold), inside the foreground. A 3×3 majority vote removes one-pixel
 * burrs that would become spurs after thinning.
 */
export function binarize(enhanced: FloatImage, mask: ForegroundMask): BinaryImage {
  const { width, height, values } = enhanced;
  const raw = new Uint8Array(width * height);
  for (let i = 0; i < raw.length; i++) raw[i] = values[i] > 0 && mask.data[i] ? 1 : 0;
  const data = new Uint8Array(width * height);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      if (!mask.data[i]) continue;
      const n =
        raw[i - width - 1] +
        raw[i - width] +
        raw[i - width + 1] +
        raw[i - 1] +
        raw[i] +
        raw[i + 1] +
        raw[i + width - 1] +
        raw[i + width] +
        raw[i + width + 1];
      data[i] = n >= 5 ? 1 : 0;
    }
  }
  return { width, height, data };
}
