import { EXTRACTION } from './extraction-parameters.ts';
import type { FloatImage } from './normalization.ts';
import type { OrientationField } from './orientation-field.ts';
import { periodAt, type RidgePeriodMap } from './ridge-frequency.ts';
import type { ForegroundMask } from './segmentation.ts';

const P = EXTRACTION.enhancement;
const F = EXTRACTION.frequency;

/** A 1-D kernel laid along a direction: linear offsets into the padded image, and weights. */
interface LineKernel {
  offsets: Int32Array;
  weights: Float32Array;
}

/**
 * Samples at integer steps along the unit vector (ux, uy), rounded to pixels. Weights are computed
 * from each rounded sample's true projection on the line, so rounding only moves samples
 * sideways, where the filter does not look.
 */
function lineKernel(
  ux: number,
  uy: number,
  radius: number,
  stride: number,
  weight: (t: number) => number,
  step = 1,
): LineKernel {
  const n = 2 * radius + 1;
  const offsets = new Int32Array(n);
  const weights = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const t = (k - radius) * step;
    const dx = Math.round(t * ux);
    const dy = Math.round(t * uy);
    offsets[k] = dy * stride + dx;
    weights[k] = weight(dx * ux + dy * uy);
  }
  return { offsets, weights };
}

function gaussian(sigma: number) {
  return (t: number) => Math.exp((-t * t) / (2 * sigma * sigma));
}

function normalizeSum(w: Float32Array): void {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i];
  for (let i = 0; i < w.length; i++) w[i] /= s;
}

/** Zero-mean, unit-gain at the ridge frequency: an even Gabor profile across the ridges. */
function bandPass(kernel: LineKernel, ux: number, uy: number, stride: number, period: number): void {
  const w = kernel.weights;
  let mean = 0;
  for (let i = 0; i < w.length; i++) mean += w[i];
  mean /= w.length;
  let gain = 0;
  for (let i = 0; i < w.length; i++) {
    w[i] -= mean;
    const off = kernel.offsets[i];
    const dy = Math.round(off / stride);
    const dx = off - dy * stride;
    gain += w[i] * Math.cos((2 * Math.PI * (dx * ux + dy * uy)) / period);
  }
  for (let i = 0; i < w.length; i++) w[i] /= gain;
}

interface Bank {
  along: PackedKernels;
  /** Index orientation × periods + period. */
  across: PackedKernels;
  periods: number;
}

const alongRadius = () => Math.ceil((2.5 * P.sigmaAlong) / P.alongStep);
const padding = () =>
  Math.max(alongRadius() * P.alongStep, Math.ceil(2.5 * P.sigmaAcrossPerPeriod * F.maxPeriod)) + 1;
const banks = new Map<string, Bank>();

/** Kernels for every quantised orientation and period, built once per padded stride. */
function bank(stride: number): Bank {
  const key = `${stride}:${P.sigmaAlong}:${P.alongStep}:${P.sigmaAcrossPerPeriod}`;
  const cached = banks.get(key);
  if (cached) return cached;
  const periods = Math.round((F.maxPeriod - F.minPeriod) / P.periodStep) + 1;
  const along: LineKernel[] = [];
  const across: LineKernel[][] = [];
  for (let o = 0; o < P.orientationBins; o++) {
    const th = (o * Math.PI) / P.orientationBins;
    const ux = Math.cos(th);
    const uy = Math.sin(th);
    const a = lineKernel(ux, uy, alongRadius(), stride, gaussian(P.sigmaAlong), P.alongStep);
    normalizeSum(a.weights);
    along.push(a);
    const row: LineKernel[] = [];
    for (let p = 0; p < periods; p++) {
      const period = F.minPeriod + p * P.periodStep;
      const sigma = P.sigmaAcrossPerPeriod * period;
      const radius = Math.ceil(2.5 * sigma);
      const k = lineKernel(
        -uy,
        ux,
        radius,
        stride,
        (t) => gaussian(sigma)(t) * Math.cos((2 * Math.PI * t) / period),
      );
      bandPass(k, -uy, ux, stride, period);
      row.push(k);
    }
    across.push(row);
  }
  const b = { along: pack(along), across: pack(across.flat()), periods };
  banks.set(key, b);
  return b;
}

/** All kernels of a family packed in flat arrays, so the hot loop touches only typed arrays. */
interface PackedKernels {
  start: Int32Array;
  length: Int32Array;
  offsets: Int32Array;
  weights: Float32Array;
}

function pack(kernels: LineKernel[]): PackedKernels {
  const start = new Int32Array(kernels.length);
  const length = new Int32Array(kernels.length);
  let total = 0;
  kernels.forEach((k, i) => {
    start[i] = total;
    length[i] = k.offsets.length;
    total += k.offsets.length;
  });
  const offsets = new Int32Array(total);
  const weights = new Float32Array(total);
  kernels.forEach((k, i) => {
    offsets.set(k.offsets, start[i]);
    weights.set(k.weights, start[i]);
  });
  return { start, length, offsets, weights };
}

function convolve(
  src: Float32Array,
  dst: Float32Array,
  index: Int32Array,
  kernelOf: Int32Array,
  kernels: PackedKernels,
): void {
  const { start, length, offsets, weights } = kernels;
  for (let n = 0; n < index.length; n++) {
    const i = index[n];
    const k = kernelOf[n];
    const first = start[k];
    const last = first + length[k];
    let s = 0;
    for (let j = first; j < last; j++) s += src[i + offsets[j]] * weights[j];
    dst[i] = s;
  }
}

/**
 * Contextual filtering: an oriented Gabor filter applied as two 1-D passes in the local ridge
 * frame (the 2-D Gabor of Hong, Wan & Jain 1998 factorises there): a Gaussian along the ridge
 * that bridges breaks and pores, then an even Gabor profile across it tuned to the local ridge
 * period. Kernels are precomputed per quantised orientation and period. Output: ridges positive.
 */
export function enhance(
  img: FloatImage,
  field: OrientationField,
  periods: RidgePeriodMap,
  mask: ForegroundMask,
): FloatImage {
  const { width, height } = img;
  const pad = padding();
  const stride = width + 2 * pad;
  const b = bank(stride);
  const ph = height + 2 * pad;
  const padded = new Float32Array(stride * ph);
  for (let y = 0; y < height; y++)
    padded.set(img.values.subarray(y * width, (y + 1) * width), (y + pad) * stride + pad);
  // The filters need a margin of context around the mask; they run on the segmentation's region.
  const near = mask.region;
  let count = 0;
  for (let i = 0; i < near.length; i++) count += near[i];
  const index = new Int32Array(count);
  const orient = new Int32Array(count);
  const which = new Int32Array(count);
  const nPeriods = b.periods;
  let n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!near[i]) continue;
      index[n] = (y + pad) * stride + x + pad;
      const o = Math.round((field.angle[i] / Math.PI) * P.orientationBins) % P.orientationBins;
      const p = Math.round((periodAt(periods, x, y) - F.minPeriod) / P.periodStep);
      orient[n] = o;
      which[n] = o * nPeriods + Math.max(0, Math.min(nPeriods - 1, p));
      n++;
    }
  }
  const smoothed = new Float32Array(padded.length);
  convolve(padded, smoothed, index, orient, b.along);
  const filtered = new Float32Array(padded.length);
  convolve(smoothed, filtered, index, which, b.across);
  const values = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    values.set(filtered.subarray((y + pad) * stride + pad, (y + pad) * stride + pad + width), y * width);
  }
  return { width, height, values };
}
