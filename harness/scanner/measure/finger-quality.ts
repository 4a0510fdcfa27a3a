import type { GrayImage } from '../../../sim/image/gray-image.ts';

/**
 * dactylo finger quality (DFQ): a 0–100 score of one fingerprint image from native features in the
 * spirit of NFIQ 2 (ISO/IEC 29794-4) — NOT NIST's trained model, and not comparable to its scores:
 *
 *  - orientation certainty (OCL): how one-directional the gradients of a block are,
 *    (λ1 − λ2)/(λ1 + λ2) of the structure tensor;
 *  - frequency domain analysis (FDA): the share of the block's ridge-signature power at its dominant
 *    frequency, searched among plausible ridge periods (5–15 px at 500 ppi);
 *  - local clarity (LCS): how cleanly the pixels separate into ridge and valley — 1 − 2 × the share
 *    falling on the wrong side of the block mean given the smoothed signature;
 *  - foreground area: blocks with ridges (contrast above a floor), as mm² of finger.
 *
 * DFQ = 100 × (0.35 OCL + 0.35 LCS + 0.30 FDA averaged over foreground blocks) × min(1, area / 80 mm²).
 */
export interface FingerQuality {
  score: number;
  orientationCertainty: number;
  frequencyDomain: number;
  localClarity: number;
  foregroundMm2: number;
}

const BLOCK_500 = 32;
const FOREGROUND_STD = 12;
const FULL_AREA_MM2 = 80;
const WEIGHTS = { ocl: 0.35, lcs: 0.35, fda: 0.3 };

interface BlockFeatures {
  ocl: number;
  fda: number;
  lcs: number;
}

function blockFeatures(
  img: GrayImage,
  x0: number,
  y0: number,
  b: number,
  scale: number,
): BlockFeatures | null {
  const { width: w, data } = img;
  let mean = 0;
  for (let y = y0; y < y0 + b; y++) for (let x = x0; x < x0 + b; x++) mean += data[y * w + x];
  mean /= b * b;
  let variance = 0;
  for (let y = y0; y < y0 + b; y++)
    for (let x = x0; x < x0 + b; x++) variance += (data[y * w + x] - mean) ** 2;
  if (Math.sqrt(variance / (b * b)) < FOREGROUND_STD) return null;
  let gxx = 0;
  let gyy = 0;
  let gxy = 0;
  for (let y = y0 + 1; y < y0 + b - 1; y++) {
    for (let x = x0 + 1; x < x0 + b - 1; x++) {
      const gx = (data[y * w + x + 1] - data[y * w + x - 1]) / 2;
      const gy = (data[(y + 1) * w + x] - data[(y - 1) * w + x]) / 2;
      gxx += gx * gx;
      gyy += gy * gy;
      gxy += gx * gy;
    }
  }
  const tr = gxx + gyy;
  const disc = Math.sqrt((gxx - gyy) ** 2 + 4 * gxy * gxy);
  const ocl = tr > 0 ? disc / tr : 0;
  // Gradient direction = across the ridges: the signature is the mean gray along it.
  const theta = 0.5 * Math.atan2(2 * gxy, gxx - gyy);
  const nx = Math.cos(theta);
  const ny = Math.sin(theta);
  const half = b / 2;
  const bins = Math.ceil(b * Math.SQRT2) + 1;
  const sum = new Float64Array(bins);
  const count = new Uint32Array(bins);
  const binOf = new Int32Array(b * b);
  for (let y = 0; y < b; y++) {
    for (let x = 0; x < b; x++) {
      const t = Math.round((x - half) * nx + (y - half) * ny + bins / 2);
      const k = Math.min(bins - 1, Math.max(0, t));
      binOf[y * b + x] = k;
      sum[k] += data[(y0 + y) * w + x0 + x];
      count[k]++;
    }
  }
  const sig: number[] = [];
  for (let k = 0; k < bins; k++) if (count[k] >= 3) sig.push(sum[k] / count[k]);
  const sigMean = sig.reduce((a, v) => a + v, 0) / Math.max(1, sig.length);
  const n = sig.length;
  let total = 0;
  const power: number[] = [];
  for (let f = 1; f < n / 2; f++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      re += (sig[i] - sigMean) * Math.cos((2 * Math.PI * f * i) / n);
      im -= (sig[i] - sigMean) * Math.sin((2 * Math.PI * f * i) / n);
    }
    power[f] = re * re + im * im;
    total += power[f];
  }
  let fda = 0;
  for (let f = 1; f < n / 2; f++) {
    const period = n / f;
    if (period < 5 * scale || period > 15 * scale) continue;
    const p = (power[f - 1] ?? 0) * 0.5 + power[f] + (power[f + 1] ?? 0) * 0.5;
    fda = Math.max(fda, total > 0 ? p / total : 0);
  }
  let wrong = 0;
  for (let y = 0; y < b; y++) {
    for (let x = 0; x < b; x++) {
      const k = binOf[y * b + x];
      const ridge = count[k] > 0 && sum[k] / count[k] < sigMean;
      const dark = data[(y0 + y) * w + x0 + x] < mean;
      if (ridge !== dark) wrong++;
    }
  }
  const lcs = Math.max(0, 1 - (2 * wrong) / (b * b));
  return { ocl, fda: Math.min(1, fda), lcs };
}

export function fingerQuality(img: GrayImage): FingerQuality {
  const scale = img.ppi / 500;
  const b = Math.max(8, Math.round(BLOCK_500 * scale));
  const feats: BlockFeatures[] = [];
  for (let y0 = 0; y0 + b <= img.height; y0 += b) {
    for (let x0 = 0; x0 + b <= img.width; x0 += b) {
      const f = blockFeatures(img, x0, y0, b, scale);
      if (f) feats.push(f);
    }
  }
  const mmPerPx = 25.4 / img.ppi;
  const foregroundMm2 = feats.length * (b * mmPerPx) ** 2;
  if (feats.length === 0)
    return { score: 0, orientationCertainty: 0, frequencyDomain: 0, localClarity: 0, foregroundMm2 };
  const avg = (k: keyof BlockFeatures) => feats.reduce((s, f) => s + f[k], 0) / feats.length;
  const ocl = avg('ocl');
  const fda = avg('fda');
  const lcs = avg('lcs');
  const q = WEIGHTS.ocl * ocl + WEIGHTS.lcs * lcs + WEIGHTS.fda * fda;
  const score = Math.round(100 * q * Math.min(1, foregroundMm2 / FULL_AREA_MM2));
  return { score, orientationCertainty: ocl, frequencyDomain: fda, localClarity: lcs, foregroundMm2 };
}
