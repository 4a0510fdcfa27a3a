import { EXTRACTION } from './extraction-parameters.ts';
import { gaussianBlur } from './grid-filters.ts';
import type { FloatImage } from './normalization.ts';
import type { OrientationField } from './orientation-field.ts';
import type { ForegroundMask } from './segmentation.ts';

/** Local ridge period (pixels per ridge, the inverse of ridge frequency) on a block grid. */
export interface RidgePeriodMap {
  block: number;
  blocksX: number;
  blocksY: number;
  period: Float32Array;
}

const P = EXTRACTION.frequency;

/** The x-signature (Hong, Wan & Jain 1998): gray levels averaged along the ridge, sampled across it. */
function signature(img: FloatImage, cx: number, cy: number, theta: number, out: Float32Array): boolean {
  const { width, height, values } = img;
  const ux = Math.cos(theta);
  const uy = Math.sin(theta);
  const half = P.across / 2;
  for (let k = 0; k < P.across; k++) {
    const t = k - half;
    let s = 0;
    for (let j = 0; j < P.along; j++) {
      const u = j - P.along / 2;
      const x = Math.round(cx - t * uy + u * ux);
      const y = Math.round(cy + t * ux + u * uy);
      if (x < 0 || y < 0 || x >= width || y >= height) return false;
      s += values[y * width + x];
    }
    out[k] = s / P.along;
  }
  return true;
}

/** Period as the lag of the highest normalised autocorrelation peak, refined by a parabola. */
function periodOf(sig: Float32Array, corr: Float32Array): number {
  let mean = 0;
  for (let i = 0; i < sig.length; i++) mean += sig[i];
  mean /= sig.length;
  let energy = 0;
  for (let i = 0; i < sig.length; i++) energy += (sig[i] - mean) ** 2;
  if (energy < 1e-6) return Number.NaN;
  for (let lag = 0; lag <= P.maxPeriod + 1; lag++) {
    let s = 0;
    for (let i = 0; i + lag < sig.length; i++) s += (sig[i] - mean) * (sig[i + lag] - mean);
    // Biased estimate: it decays with the lag, so the fundamental beats its multiples.
    corr[lag] = s / energy;
  }
  let best = -1;
  for (let lag = P.minPeriod; lag <= P.maxPeriod; lag++) {
    if (corr[lag] >= corr[lag - 1] && corr[lag] >= corr[lag + 1] && (best < 0 || corr[lag] > corr[best]))
      best = lag;
  }
  if (best < 0 || corr[best] < P.minPeakCorrelation) return Number.NaN;
  const denom = corr[best - 1] - 2 * corr[best] + corr[best + 1];
  const shift = denom < 0 ? (0.5 * (corr[best - 1] - corr[best + 1])) / denom : 0;
  return best + Math.max(-0.5, Math.min(0.5, shift));
}

/**
 * Ridge period per block from the autocorrelation of oriented x-signatures; blocks without a
 * clear period (background, scars, creases) take the average of valid neighbours, then the map
 * is smoothed, as ridge period changes slowly over a finger.
 */
export function ridgePeriod(img: FloatImage, field: OrientationField, mask: ForegroundMask): RidgePeriodMap {
  const b = P.block;
  const bw = Math.ceil(img.width / b);
  const bh = Math.ceil(img.height / b);
  const period = new Float32Array(bw * bh).fill(Number.NaN);
  const sig = new Float32Array(P.across);
  const corr = new Float32Array(P.maxPeriod + 2);
  const valid: number[] = [];
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const cx = Math.min(img.width - 1, bx * b + b / 2);
      const cy = Math.min(img.height - 1, by * b + b / 2);
      const i = cy * img.width + cx;
      if (!mask.data[i]) continue;
      if (!signature(img, cx, cy, field.angle[i], sig)) continue;
      const p = periodOf(sig, corr);
      period[by * bw + bx] = p;
      if (!Number.isNaN(p)) valid.push(p);
    }
  }
  const fallback = valid.length > 0 ? median(valid) : P.defaultPeriod;
  fillGaps(period, bw, bh, fallback);
  const smooth = gaussianBlur(period, bw, bh, 1);
  return { block: b, blocksX: bw, blocksY: bh, period: smooth };
}

function median(values: number[]): number {
  const s = [...values].sort((p, q) => p - q);
  return s[Math.floor(s.length / 2)];
}

function fillGaps(period: Float32Array, bw: number, bh: number, fallback: number): void {
  for (let pass = 0; pass < 8; pass++) {
    const next = period.slice();
    let missing = 0;
    for (let y = 0; y < bh; y++) {
      for (let x = 0; x < bw; x++) {
        if (!Number.isNaN(period[y * bw + x])) continue;
        let s = 0;
        let n = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx;
            const yy = y + dy;
            if (xx < 0 || yy < 0 || xx >= bw || yy >= bh) continue;
            const v = period[yy * bw + xx];
            if (!Number.isNaN(v)) {
              s += v;
              n++;
            }
          }
        }
        if (n > 0) next[y * bw + x] = s / n;
        else missing++;
      }
    }
    period.set(next);
    if (missing === 0) break;
  }
  for (let i = 0; i < period.length; i++) if (Number.isNaN(period[i])) period[i] = fallback;
}

/** The period at a pixel (nearest block). */
export function periodAt(map: RidgePeriodMap, x: number, y: number): number {
  const bx = Math.min(map.blocksX - 1, Math.floor(x / map.block));
  const by = Math.min(map.blocksY - 1, Math.floor(y / map.block));
  return map.period[by * map.blocksX + bx];
}
