import type { MinutiaType } from '../template.ts';
import type { BinaryImage } from './binarization.ts';
import { CROSSING_NUMBER } from './skeleton-tracing.ts';
import { neighbourByte } from './thinning.ts';

/** A minutia as found on the skeleton: its pixel and type, before direction and quality. */
export interface SkeletonMinutia {
  x: number;
  y: number;
  /** Pixel index in the skeleton. */
  index: number;
  type: Exclude<MinutiaType, 'other'>;
  /** Unit direction in pixel coordinates (y down), once minutia-direction.ts has computed it. */
  direction?: [number, number];
}

/**
 * Crossing-number detection (Rutovitz; Maltoni et al., Handbook of Fingerprint Recognition §3.7):
 * a skeleton pixel with crossing number 1 is a ridge ending, 3 a bifurcation. Crossings (4) are
 * two overlapping ridges, not minutiae. Adjacent bifurcation pixels of one junction count once.
 * `pixels` (from skeletonPixels) limits the scan to those pixels.
 */
export function detectMinutiae(skeleton: BinaryImage, pixels?: Int32Array): SkeletonMinutia[] {
  const { width, height, data } = skeleton;
  const found: SkeletonMinutia[] = [];
  const taken = new Set<number>();
  const visit = (i: number) => {
    const x = i % width;
    const y = (i - x) / width;
    if (!data[i] || x < 1 || y < 1 || x >= width - 1 || y >= height - 1) return;
    const cn = CROSSING_NUMBER[neighbourByte(data, i, width)];
    if (cn === 1) found.push({ x, y, index: i, type: 'ending' });
    else if (cn === 3 && !taken.has(i)) {
      found.push({ x, y, index: i, type: 'bifurcation' });
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) taken.add(i + dy * width + dx);
    }
  };
  if (pixels) for (let k = 0; k < pixels.length; k++) visit(pixels[k]);
  else for (let i = 0; i < data.length; i++) if (data[i]) visit(i);
  return found;
}

/** The indices of a skeleton's pixels in raster order, so that repeated scans skip the background. */
export function skeletonPixels(skeleton: BinaryImage): Int32Array {
  let n = 0;
  for (let i = 0; i < skeleton.data.length; i++) n += skeleton.data[i];
  const out = new Int32Array(n);
  for (let i = 0, k = 0; i < skeleton.data.length; i++) if (skeleton.data[i]) out[k++] = i;
  return out;
}
