import type { GrayImage } from '../../../sim/image/gray-image.ts';

/** Share of the white–black swing a pixel must stray from its neighbourhood to count as defective. */
const DEFECT_FRACTION = 0.35;
const WINDOW = 7;

/** Box mean over a (2r+1)² window from an integral image. */
function boxMeans(img: GrayImage, r: number): Float64Array {
  const { width: w, height: h, data } = img;
  const integral = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += data[y * w + x];
      integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
    }
  }
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w, x + r + 1);
      const s =
        integral[y1 * (w + 1) + x1] -
        integral[y0 * (w + 1) + x1] -
        integral[y1 * (w + 1) + x0] +
        integral[y0 * (w + 1) + x0];
      out[y * w + x] = s / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}

/**
 * Pixels that are defective (stuck, dead, hot) by the flat fields: far from their neighbourhood on
 * the white or the black target. The geometry, MTF and SNR measurements skip them, because the
 * uniformity checks are the ones that score defects; measuring optics through a dead line would
 * blame the lens for the sensor.
 */
export function defectMask(white: GrayImage | null, black: GrayImage | null): Uint8Array | null {
  const ref = white ?? black;
  if (!ref) return null;
  const swing = white && black ? Math.max(20, meanOf(white) - meanOf(black)) : 200;
  const mask = new Uint8Array(ref.width * ref.height);
  for (const img of [white, black]) {
    if (!img || img.width !== ref.width || img.height !== ref.height) continue;
    const local = boxMeans(img, WINDOW);
    for (let i = 0; i < mask.length; i++) {
      if (Math.abs(img.data[i] - local[i]) > DEFECT_FRACTION * swing) mask[i] = 1;
    }
  }
  return mask;
}

export function meanOf(img: GrayImage): number {
  let s = 0;
  for (let i = 0; i < img.data.length; i++) s += img.data[i];
  return s / img.data.length;
}
