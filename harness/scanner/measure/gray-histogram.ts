import type { GrayImage } from '../../../sim/image/gray-image.ts';

/** A gray level counts as used when at least this many pixels have it (BSI TR-03121's wording of Appendix F). */
export const MIN_PIXELS_PER_LEVEL = 5;

export function histogram(img: GrayImage): Uint32Array {
  const h = new Uint32Array(256);
  for (let i = 0; i < img.data.length; i++) h[img.data[i]]++;
  return h;
}

/** Fingerprint gray range: the number of gray levels used by at least five pixels. */
export function grayRange(img: GrayImage): number {
  return histogram(img).reduce((n, c) => n + (c >= MIN_PIXELS_PER_LEVEL ? 1 : 0), 0);
}

/**
 * Breaks in the histogram: unused levels strictly inside the used range (between the 1st and 99th
 * percentile of pixels), the signature of lost converter bits or a stretched gray scale.
 */
export function histogramBreaks(img: GrayImage): number {
  const h = histogram(img);
  const total = img.data.length;
  let acc = 0;
  let lo = 0;
  while (lo < 255 && acc + h[lo] < 0.01 * total) acc += h[lo++];
  acc = 0;
  let hi = 255;
  while (hi > 0 && acc + h[hi] < 0.01 * total) acc += h[hi--];
  let breaks = 0;
  for (let g = lo + 1; g < hi; g++) if (h[g] === 0) breaks++;
  return breaks;
}

/**
 * Lines (rows or columns) that hold one gray level from end to end while the image has a finger on
 * it: a stuck or dead sensor line. Counted over rows and columns together.
 */
export function stuckLines(img: GrayImage): number {
  const { width: w, height: h, data } = img;
  let stuck = 0;
  for (let y = 0; y < h; y++) {
    const v = data[y * w];
    let same = true;
    for (let x = 1; x < w && same; x++) same = data[y * w + x] === v;
    if (same) stuck++;
  }
  for (let x = 0; x < w; x++) {
    const v = data[x];
    let same = true;
    for (let y = 1; y < h && same; y++) same = data[y * w + x] === v;
    if (same) stuck++;
  }
  return stuck;
}
