import type { GrayImage } from '../../image/gray-image.ts';
import { EXTRACTION } from './extraction-parameters.ts';
import { boxMean } from './grid-filters.ts';

/** A float image; after normalisation, ridges are positive and valleys negative, unit local contrast. */
export interface FloatImage {
  width: number;
  height: number;
  values: Float32Array;
}

const MIN_STD = 4;

/**
 * Local normalisation to zero mean and unit standard deviation over a window of about two ridge
 * periods, with the sign flipped so that (dark) ridges are positive. Removes uneven pressure and
 * illumination, so later stages see the same contrast everywhere.
 */
export function normalize(img: GrayImage): FloatImage {
  const { width, height, data } = img;
  const r = EXTRACTION.normalization.radius;
  const sq = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) sq[i] = data[i] * data[i];
  const mean = boxMean(data, width, height, r);
  const meanSq = boxMean(sq, width, height, r);
  const values = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const std = Math.sqrt(Math.max(0, meanSq[i] - mean[i] * mean[i]));
    const v = (mean[i] - data[i]) / Math.max(MIN_STD, std);
    values[i] = Math.min(3, Math.max(-3, v));
  }
  return { width, height, values };
}
