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
 */
export function detectMinutiae(skeleton: BinaryImage): SkeletonMinutia[] {
  const { width, height, data } = skeleton;
  const found: SkeletonMinutia[] = [];
  const taken = new Uint8Array(data.length);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      if (!data[i]) continue;
      const cn = CROSSING_NUMBER[neighbourByte(data, i, width)];
      if (cn === 1) found.push({ x, y, index: i, type: 'ending' });
      else if (cn === 3 && !taken[i]) {
        found.push({ x, y, index: i, type: 'bifurcation' });
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) taken[i + dy * width + dx] = 1;
      }
    }
  }
  return found;
}
