import type { GrayImage } from '../../image/gray-image.ts';
import { EXTRACTION } from './extraction-parameters.ts';
import { boxMean, distanceToEdge } from './grid-filters.ts';

/** Where the finger is: 1 on foreground pixels, 0 on background. */
export interface ForegroundMask {
  width: number;
  height: number;
  data: Uint8Array;
  /** Local contrast (std of gray) per pixel, reused by minutia quality. */
  contrast: Float32Array;
  /** The mask grown by a margin of context, where later stages compute (filters need it). */
  region: Uint8Array;
}

const P = EXTRACTION.segmentation;

function blockColumns(width: number, b: number): Int32Array {
  return Int32Array.from({ length: width }, (_, x) => Math.floor(x / b));
}

function blockStats(img: GrayImage, bw: number, bh: number) {
  const { width, height, data } = img;
  const b = P.block;
  const n = bw * bh;
  const sum = new Float64Array(n);
  const sum2 = new Float64Array(n);
  const sxx = new Float64Array(n);
  const syy = new Float64Array(n);
  const sxy = new Float64Array(n);
  const count = new Float64Array(n);
  const column = blockColumns(width, b);
  for (let y = 1; y < height - 1; y++) {
    const row = Math.floor(y / b) * bw;
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const k = row + column[x];
      const v = data[i];
      const gx = data[i + 1] - data[i - 1];
      const gy = data[i + width] - data[i - width];
      sum[k] += v;
      sum2[k] += v * v;
      sxx[k] += gx * gx;
      syy[k] += gy * gy;
      sxy[k] += gx * gy;
      count[k]++;
    }
  }
  // Statistics over the 3×3 blocks around each block: one block holds barely one ridge period.
  const std = new Float32Array(n);
  const coherence = new Float32Array(n);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let gxx = 0;
      let gyy = 0;
      let gxy = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = bx + dx;
          const yy = by + dy;
          if (xx < 0 || yy < 0 || xx >= bw || yy >= bh) continue;
          const k = yy * bw + xx;
          gxx += sxx[k];
          gyy += syy[k];
          gxy += sxy[k];
        }
      }
      // Contrast from the block alone keeps the mask edge sharp; coherence needs the wider window.
      const k = by * bw + bx;
      const own = Math.max(1, count[k]);
      const mean = sum[k] / own;
      std[k] = Math.sqrt(Math.max(0, sum2[k] / own - mean * mean));
      const energy = gxx + gyy;
      coherence[by * bw + bx] = energy > 0 ? Math.hypot(gxx - gyy, 2 * gxy) / energy : 0;
    }
  }
  return { std, coherence };
}

function percentile(values: Float32Array, q: number): number {
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Majority vote, then the largest 4-connected foreground component with its holes filled. */
function cleanBlocks(raw: Uint8Array, bw: number, bh: number): Uint8Array {
  const r = P.voteRadius;
  const voted = new Uint8Array(raw.length);
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      let on = 0;
      let n = 0;
      for (let dy = -r; dy <= r; dy++) {
        for (let dx = -r; dx <= r; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= bw || yy >= bh) continue;
          on += raw[yy * bw + xx];
          n++;
        }
      }
      voted[y * bw + x] = on * 2 > n ? 1 : 0;
    }
  }
  const largest = largestComponent(voted, bw, bh, 1);
  // Holes: background components that do not touch the border become foreground.
  const outside = floodFromBorder(largest, bw, bh);
  for (let i = 0; i < largest.length; i++) largest[i] = outside[i] ? 0 : 1;
  return largest;
}

function largestComponent(grid: Uint8Array, w: number, h: number, value: number): Uint8Array {
  const label = new Int32Array(grid.length).fill(-1);
  const stack: number[] = [];
  let best = -1;
  let bestSize = 0;
  let next = 0;
  for (let i = 0; i < grid.length; i++) {
    if (grid[i] !== value || label[i] >= 0) continue;
    let size = 0;
    stack.push(i);
    label[i] = next;
    while (stack.length > 0) {
      const j = stack.pop()!;
      size++;
      const x = j % w;
      const y = (j - x) / w;
      for (const [nx, ny] of [
        [x - 1, y],
        [x + 1, y],
        [x, y - 1],
        [x, y + 1],
      ]) {
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const k = ny * w + nx;
        if (grid[k] === value && label[k] < 0) {
          label[k] = next;
          stack.push(k);
        }
      }
    }
    if (size > bestSize) {
      bestSize = size;
      best = next;
    }
    next++;
  }
  const out = new Uint8Array(grid.length);
  for (let i = 0; i < grid.length; i++) out[i] = label[i] === best && best >= 0 ? 1 : 0;
  return out;
}

function floodFromBorder(fg: Uint8Array, w: number, h: number): Uint8Array {
  const seen = new Uint8Array(fg.length);
  const stack: number[] = [];
  for (let x = 0; x < w; x++) stack.push(x, (h - 1) * w + x);
  for (let y = 0; y < h; y++) stack.push(y * w, y * w + w - 1);
  while (stack.length > 0) {
    const j = stack.pop()!;
    if (seen[j] || fg[j]) continue;
    seen[j] = 1;
    const x = j % w;
    const y = (j - x) / w;
    if (x > 0) stack.push(j - 1);
    if (x < w - 1) stack.push(j + 1);
    if (y > 0) stack.push(j - w);
    if (y < h - 1) stack.push(j + w);
  }
  return seen;
}

/**
 * Foreground from block contrast and gradient coherence (ridges are contrasted and oriented;
 * sensor glass is flat, smudges are not oriented), cleaned to one solid region, smoothed to
 * pixel resolution and eroded so that the last broken ridges at the edge are left out.
 */
export function segment(img: GrayImage): ForegroundMask {
  const b = P.block;
  const bw = Math.ceil(img.width / b);
  const bh = Math.ceil(img.height / b);
  const { std, coherence } = blockStats(img, bw, bh);
  const threshold = Math.max(P.minContrast, P.relativeContrast * percentile(std, 0.9));
  const raw = new Uint8Array(bw * bh);
  for (let i = 0; i < raw.length; i++) raw[i] = std[i] >= threshold && coherence[i] >= P.minCoherence ? 1 : 0;
  const blocks = cleanBlocks(raw, bw, bh);
  const { width, height } = img;
  const column = blockColumns(width, b);
  const upsampled = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / b) * bw;
    for (let x = 0; x < width; x++) upsampled[y * width + x] = blocks[row + column[x]];
  }
  const smooth = boxMean(upsampled, width, height, b);
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = smooth[i] > 0.5 ? 1 : 0;
  const distance = distanceToEdge(mask, width, height);
  for (let i = 0; i < mask.length; i++) mask[i] = distance[i] > P.erosion ? 1 : 0;
  const region = new Uint8Array(width * height);
  for (let i = 0; i < region.length; i++) region[i] = smooth[i] > 0 ? 1 : 0;
  const contrast = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / b) * bw;
    for (let x = 0; x < width; x++) contrast[y * width + x] = std[row + column[x]];
  }
  return { width, height, data: mask, contrast, region };
}
