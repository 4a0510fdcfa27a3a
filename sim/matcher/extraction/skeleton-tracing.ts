import type { BinaryImage } from './binarization.ts';
import { neighbourByte } from './thinning.ts';

/** Neighbour offsets in neighbourByte's bit order: N, NE, E, SE, S, SW, W, NW. */
export const DX = [0, 1, 1, 1, 0, -1, -1, -1];
export const DY = [-1, -1, 0, 1, 1, 1, 0, -1];

/** Crossing number (Rutovitz): ½ Σ|P(k) − P(k+1)| = the number of 0→1 steps around the pixel. */
export const CROSSING_NUMBER = new Uint8Array(256);
for (let n = 0; n < 256; n++) {
  let c = 0;
  for (let k = 0; k < 8; k++) if (!((n >> k) & 1) && (n >> ((k + 1) % 8)) & 1) c++;
  CROSSING_NUMBER[n] = c;
}

/** True where the pixel is a skeleton pixel that is not a plain ridge continuation. */
export function isMinutiaPixel(skeleton: BinaryImage, i: number): boolean {
  if (!skeleton.data[i]) return false;
  const cn = CROSSING_NUMBER[neighbourByte(skeleton.data, i, skeleton.width)];
  return cn !== 2;
}

/**
 * The first pixel of each branch leaving pixel i: one per run of set neighbours around it,
 * preferring the run's 4-neighbour (the pixel that touches i by an edge).
 */
export function branchStarts(skeleton: BinaryImage, i: number): number[] {
  const { width, data } = skeleton;
  const n = neighbourByte(data, i, width);
  if (n === 0) return [];
  let first = 0;
  while ((n >> first) & 1) {
    first++;
    if (first === 8) return [i - width];
  }
  const starts: number[] = [];
  let best = -1;
  for (let s = 1; s <= 8; s++) {
    const k = (first + s) % 8;
    if ((n >> k) & 1) {
      if (best < 0 || (k % 2 === 0 && best % 2 === 1)) best = k;
    } else if (best >= 0) {
      starts.push(i + DY[best] * width + DX[best]);
      best = -1;
    }
  }
  return starts;
}

export interface Trace {
  /** Pixels visited after the start pixel, in order; the last one is where the trace stopped. */
  path: number[];
  /** True when the trace stopped on another minutia pixel (then it is the path's last pixel). */
  reachedMinutia: boolean;
}

let stamp = 1;
let visited = new Int32Array(0);

/**
 * Follows the ridge from minutia pixel `from` through `start` until another minutia pixel, a
 * dead end, or `maxLength` pixels.
 */
export function traceRidge(skeleton: BinaryImage, from: number, start: number, maxLength: number): Trace {
  const { width, data } = skeleton;
  if (visited.length < data.length) visited = new Int32Array(data.length);
  stamp++;
  // The other branches of `from` start among its neighbours: fence them off, or a trace that turns
  // diagonally right after the start would slip into a neighbouring branch.
  visited[from] = stamp;
  for (let k = 0; k < 8; k++) visited[from + DY[k] * width + DX[k]] = stamp;
  const path: number[] = [];
  let cur = start;
  visited[start] = 0;
  while (path.length < maxLength) {
    path.push(cur);
    visited[cur] = stamp;
    if (isMinutiaPixel(skeleton, cur)) return { path, reachedMinutia: true };
    let next = -1;
    for (let k = 0; k < 8; k += 2) {
      const j = cur + DY[k] * width + DX[k];
      if (data[j] && visited[j] !== stamp) {
        next = j;
        break;
      }
    }
    if (next < 0) {
      for (let k = 1; k < 8; k += 2) {
        const j = cur + DY[k] * width + DX[k];
        if (data[j] && visited[j] !== stamp) {
          next = j;
          break;
        }
      }
    }
    if (next < 0) return { path, reachedMinutia: false };
    cur = next;
  }
  return { path, reachedMinutia: false };
}
