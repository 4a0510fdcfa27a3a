import type { Random } from '../../random/random.ts';
import { PERIOD, RIDGES } from './synthesis-parameters.ts';

/**
 * Oriented 1-D filters for one canvas width, flattened with a fixed stride (unused taps weigh 0):
 * per orientation bin a smoothing kernel along the ridge, per (orientation, period) bin a Gabor
 * kernel across it. Taps are the distinct pixels of a digital line through the centre, weighted by
 * their exact projection, so that a pass reads ~30 pixels instead of a 2-D Gabor's ~150.
 */
interface Kernels {
  readonly stride: number;
  readonly offsets: Int32Array;
  readonly weights: Float32Array;
}

function lineTaps(
  dx: number,
  dy: number,
  reach: number,
  width: number,
): { offsets: number[]; proj: number[] } {
  const seen = new Set<number>();
  const offsets: number[] = [];
  const proj: number[] = [];
  for (let k = -2 * reach; k <= 2 * reach; k++) {
    const ox = Math.round(0.5 * k * dx);
    const oy = Math.round(0.5 * k * dy);
    const key = oy * width + ox;
    if (seen.has(key)) continue;
    seen.add(key);
    offsets.push(key);
    proj.push(ox * dx + oy * dy);
  }
  return { offsets, proj };
}

function flatten(list: { offsets: number[]; weights: Float32Array }[]): Kernels {
  const stride = Math.max(...list.map((k) => k.offsets.length));
  const offsets = new Int32Array(list.length * stride);
  const weights = new Float32Array(list.length * stride);
  list.forEach((k, i) => {
    offsets.set(k.offsets, i * stride);
    weights.set(k.weights, i * stride);
  });
  return { stride, offsets, weights };
}

function alongKernels(width: number, sd: number, reach: number): Kernels {
  const list = [];
  for (let ob = 0; ob < RIDGES.orientationBins; ob++) {
    const theta = (ob * Math.PI) / RIDGES.orientationBins;
    const taps = lineTaps(Math.cos(theta), Math.sin(theta), reach, width);
    const g = taps.proj.map((p) => Math.exp(-(p * p) / (2 * sd * sd)));
    const sum = g.reduce((a, b) => a + b, 0);
    list.push({ offsets: taps.offsets, weights: Float32Array.from(g.map((v) => v / sum)) });
  }
  return flatten(list);
}

/** `scale` is the pixel size relative to 500 ppi (0.5 on the half-resolution grid). */
function acrossKernels(width: number, scale: number): Kernels {
  const list = [];
  for (let ob = 0; ob < RIDGES.orientationBins; ob++) {
    const theta = (ob * Math.PI) / RIDGES.orientationBins;
    const taps = lineTaps(-Math.sin(theta), Math.cos(theta), Math.ceil(RIDGES.acrossReach * scale), width);
    for (let pb = 0; pb < RIDGES.periodBins; pb++) {
      const period = scale * (PERIOD.min + ((PERIOD.max - PERIOD.min) * pb) / (RIDGES.periodBins - 1));
      list.push({ offsets: taps.offsets, weights: gaborWeights(taps.proj, period) });
    }
  }
  return flatten(list);
}

/** Zero-mean Gabor weights scaled so that a unit sinusoid of the period passes unchanged. */
function gaborWeights(proj: number[], period: number): Float32Array {
  const sd = RIDGES.acrossSdShare * period;
  const env = proj.map((t) => Math.exp(-(t * t) / (2 * sd * sd)));
  const wave = proj.map((t) => Math.cos((2 * Math.PI * t) / period));
  const envSum = env.reduce((a, b) => a + b, 0);
  const dc = env.reduce((a, e, i) => a + e * wave[i], 0) / envSum;
  const w = env.map((e, i) => e * (wave[i] - dc));
  const gain = w.reduce((a, v, i) => a + v * wave[i], 0);
  return Float32Array.from(w.map((v) => v / gain));
}

/** Per pixel, where its kernels start in the flattened banks (periods in 500-ppi pixels at every level). */
function kernelStarts(
  orientation: Float32Array,
  period: Float32Array,
  along: Kernels,
  across: Kernels,
): { along: Int32Array; across: Int32Array } {
  const alongStart = new Int32Array(orientation.length);
  const acrossStart = new Int32Array(orientation.length);
  const nb = RIDGES.orientationBins;
  const pScale = (RIDGES.periodBins - 1) / (PERIOD.max - PERIOD.min);
  for (let i = 0; i < orientation.length; i++) {
    const ob = Math.round((orientation[i] / Math.PI) * nb) % nb;
    const pb = Math.min(RIDGES.periodBins - 1, Math.max(0, Math.round((period[i] - PERIOD.min) * pScale)));
    alongStart[i] = ob * along.stride;
    acrossStart[i] = (ob * RIDGES.periodBins + pb) * across.stride;
  }
  return { along: alongStart, across: acrossStart };
}

/** Row spans [start, end) to filter: the silhouette grown by `grow` px, `border` px inside the canvas. */
function activeSpans(
  mask: Uint8Array,
  width: number,
  height: number,
  grow: number,
  border: number,
): Int32Array {
  const first = new Int32Array(height).fill(width);
  const last = new Int32Array(height).fill(-1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      first[y] = Math.min(first[y], x);
      last[y] = x;
    }
  }
  const spans = new Int32Array(height * 2);
  for (let y = border; y < height - border; y++) {
    let lo = width;
    let hi = -1;
    for (let yy = Math.max(0, y - grow); yy <= Math.min(height - 1, y + grow); yy++) {
      lo = Math.min(lo, first[yy]);
      hi = Math.max(hi, last[yy]);
    }
    if (hi < 0) continue;
    spans[2 * y] = Math.max(border, lo - grow);
    spans[2 * y + 1] = Math.max(spans[2 * y], Math.min(width - border, hi + grow + 1));
  }
  return spans;
}

function filterPass(
  src: Float32Array,
  dst: Float32Array,
  starts: Int32Array,
  kernels: Kernels,
  spans: Int32Array,
  width: number,
  gain: number,
): void {
  const { stride, offsets, weights } = kernels;
  const height = spans.length / 2;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let i = row + spans[2 * y], end = row + spans[2 * y + 1]; i < end; i++) {
      const k0 = starts[i];
      let sum = 0;
      for (let k = k0, kEnd = k0 + stride; k < kEnd; k++) sum += weights[k] * src[i + offsets[k]];
      sum *= gain;
      dst[i] = sum > 1 ? 1 : Math.max(sum, -1);
    }
  }
}

/** A canvas-sized grid with its filters, at full or half resolution. */
interface Level {
  readonly width: number;
  readonly height: number;
  readonly spans: Int32Array;
  readonly along: Kernels;
  readonly across: Kernels;
  readonly starts: { along: Int32Array; across: Int32Array };
}

function level(
  orientation: Float32Array,
  period: Float32Array,
  mask: Uint8Array,
  width: number,
  height: number,
  scale: number,
): Level {
  const coarse = scale < 1;
  const alongReach = coarse ? Math.ceil(RIDGES.alongReach * scale) : RIDGES.fineAlongReach;
  const along = alongKernels(width, coarse ? RIDGES.alongSd * scale : RIDGES.fineAlongSd, alongReach);
  const across = acrossKernels(width, scale);
  const reach = Math.max(alongReach, Math.ceil(RIDGES.acrossReach * scale));
  return {
    width,
    height,
    spans: activeSpans(mask, width, height, 2 * reach, reach + 1),
    along,
    across,
    starts: kernelStarts(orientation, period, along, across),
  };
}

function halve(map: Float32Array | Uint8Array, width: number, height: number): Float32Array {
  const w = Math.ceil(width / 2);
  const h = Math.ceil(height / 2);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = map[2 * y * width + 2 * x];
  return out;
}

function grow(level: Level, v: Float32Array, tmp: Float32Array, iterations: number): void {
  for (let it = 0; it < iterations; it++) {
    filterPass(v, tmp, level.starts.along, level.along, level.spans, level.width, 1);
    filterPass(tmp, v, level.starts.across, level.across, level.spans, level.width, RIDGES.gain);
  }
}

/** Bilinear upsampling of the half-resolution pattern onto the full grid. */
function upsample(coarse: Float32Array, cw: number, ch: number, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = Math.min(ch - 2, y >> 1);
    const fy = y / 2 - gy;
    for (let x = 0; x < width; x++) {
      const gx = Math.min(cw - 2, x >> 1);
      const fx = x / 2 - gx;
      const i = gy * cw + gx;
      const top = coarse[i] + fx * (coarse[i + 1] - coarse[i]);
      const bottom = coarse[i + cw] + fx * (coarse[i + cw + 1] - coarse[i + cw]);
      out[y * width + x] = top + fy * (bottom - top);
    }
  }
  return out;
}

/**
 * Stage 6: the ridge pattern, grown SFinGe-style by iterated space-variant Gabor filtering of a
 * random start image (Cappelli, Maio, Maltoni 2000): each iteration smooths along the local
 * orientation, band-passes across it at the local period, and clips, so that ridges of the right
 * period and direction grow and join while the random start leaves endings and bifurcations
 * wherever two growing ridge fronts disagree. Growth runs on a half-resolution grid (a period is
 * still 3.5–6 samples there), then a few full-resolution iterations restore the ridge profile.
 * Returns values in [-1, 1], +1 on crests, 0 outside the silhouette.
 */
export function ridgePattern(
  orientation: Float32Array,
  period: Float32Array,
  mask: Uint8Array,
  width: number,
  height: number,
  random: Random,
): Float32Array {
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const cMask = halve(mask, width, height);
  const coarse = level(
    halve(orientation, width, height),
    halve(period, width, height),
    Uint8Array.from(cMask),
    cw,
    ch,
    0.5,
  );
  const cv = new Float32Array(cw * ch);
  for (let y = 0; y < ch; y++) {
    for (let x = coarse.spans[2 * y]; x < coarse.spans[2 * y + 1]; x++)
      cv[y * cw + x] = 2 * random.float() - 1;
  }
  grow(coarse, cv, new Float32Array(cw * ch), RIDGES.coarseIterations);
  const fine = level(orientation, period, mask, width, height, 1);
  const v = upsample(cv, cw, ch, width, height);
  const tmp = new Float32Array(width * height);
  grow(fine, v, tmp, RIDGES.fineIterations);
  filterPass(v, tmp, fine.starts.across, fine.across, fine.spans, width, RIDGES.finalGain);
  for (let i = 0; i < tmp.length; i++) if (!mask[i]) tmp[i] = 0;
  return tmp;
}
