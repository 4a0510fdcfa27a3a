import { createGrayImage, type GrayImage } from '../../sim/image/gray-image.ts';
import { encodeGrayPng } from '../../sim/image/png-encode.ts';
import { stream } from '../../sim/random/index.ts';
import type { ConformanceCapture, ConformanceDevice, DeviceIdentity } from './device.ts';
import type { TestTarget } from './target-catalogue.ts';

/**
 * A scanner whose every property is known exactly, for measurement-accuracy tests: targets are
 * rendered on a 4× finer grid (each fine pixel the mean of 2 × 2 point samples), blurred by a Gaussian of known σ there, box-averaged into pixels
 * (the pixel aperture), then given known noise, quantisation and defects. Its MTF is therefore
 * exactly `trueMtf(f)`; its resolution is ppiX × ppiY whatever the file says.
 */
export interface KnownTruth {
  ppiNominal: number;
  ppiX: number;
  ppiY: number;
  widthPx: number;
  heightPx: number;
  blurSigmaPx: number;
  noise: number;
  black: number;
  white: number;
  quantStep: number;
  /** Transfer gray = black + (white − black) · reflectance^gamma. */
  gamma: number;
  keystone: number;
  stuckRows: { start: number; count: number; gray: number } | null;
  /** The resolution written into the image (a wrong tag is a defect of its own). */
  tagPpi: number;
  apcer: number;
  bpcer: number;
  seed: string;
}

export const SUPERSAMPLE = 4;

export function knownTruth(over: Partial<KnownTruth> = {}): KnownTruth {
  return {
    ppiNominal: 500,
    ppiX: 500,
    ppiY: 500,
    widthPx: 240,
    heightPx: 300,
    blurSigmaPx: 0.45,
    noise: 0.8,
    black: 10,
    white: 245,
    quantStep: 1,
    gamma: 1,
    keystone: 0,
    stuckRows: null,
    tagPpi: over.ppiNominal ?? 500,
    apcer: 0.02,
    bpcer: 0.02,
    seed: 'known-truth',
    ...over,
  };
}

/** The exact MTF of the known-truth device at f cycles per pixel: Gaussian × 4-tap box. */
export function trueMtf(t: KnownTruth, cyclesPerPx: number): number {
  let box = 0;
  for (let k = 0; k < SUPERSAMPLE; k++)
    box += Math.cos((2 * Math.PI * cyclesPerPx * (k - (SUPERSAMPLE - 1) / 2)) / SUPERSAMPLE);
  const pair = Math.cos((2 * Math.PI * cyclesPerPx) / 16);
  return Math.exp(-2 * Math.PI ** 2 * t.blurSigmaPx ** 2 * cyclesPerPx ** 2) * (box / SUPERSAMPLE) * pair;
}

function gaussianKernel(sigma: number): Float64Array {
  const r = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float64Array(2 * r + 1);
  let s = 0;
  for (let i = -r; i <= r; i++) s += k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
  return k.map((v) => v / s);
}

/** One pass of a 1-D convolution along rows (stride 1) or columns (stride w), clamped at the borders. */
function convolve(
  src: Float32Array,
  dst: Float32Array,
  w: number,
  h: number,
  k: Float64Array,
  alongRows: boolean,
): void {
  const r = (k.length - 1) / 2;
  const n = alongRows ? w : h;
  const lines = alongRows ? h : w;
  const step = alongRows ? 1 : w;
  for (let line = 0; line < lines; line++) {
    const base = alongRows ? line * w : line;
    for (let i = 0; i < n; i++) {
      let s = 0;
      if (i >= r && i < n - r) {
        const o = base + (i - r) * step;
        for (let t = 0; t < k.length; t++) s += k[t] * src[o + t * step];
      } else {
        for (let t = -r; t <= r; t++) s += k[t + r] * src[base + Math.min(n - 1, Math.max(0, i + t)) * step];
      }
      dst[base + i * step] = s;
    }
  }
}

function blurSeparable(v: Float32Array, w: number, h: number, sigma: number): Float32Array {
  if (sigma <= 0) return v;
  const k = gaussianKernel(sigma);
  const tmp = new Float32Array(v.length);
  const out = new Float32Array(v.length);
  convolve(v, tmp, w, h, k, true);
  convolve(tmp, out, w, h, k, false);
  return out;
}

/** Renders a reflectance map (mm, chart centred on the platen) through the known-truth device. */
export function renderKnownTruth(
  t: KnownTruth,
  reflectance: (x: number, y: number) => number,
  widthMm: number,
  heightMm: number,
  key: string,
): GrayImage {
  const S = SUPERSAMPLE;
  const W = t.widthPx * S;
  const H = t.heightPx * S;
  const fine = new Float32Array(W * H);
  for (let j = 0; j < H; j++) {
    const yPx = (j + 0.5) / S - t.heightPx / 2;
    const y = heightMm / 2 + (yPx * 25.4) / t.ppiY;
    const dy = (0.0625 * 25.4) / t.ppiY;
    const scale = 1 + t.keystone * ((2 * (j + 0.5)) / H - 1);
    for (let i = 0; i < W; i++) {
      const xPx = (i + 0.5) / S - t.widthPx / 2;
      // Two point samples per fine pixel each way, so a bar edge is placed to 1/16 px, not 1/8.
      const x0 = widthMm / 2 + ((xPx - 0.0625) * 25.4 * scale) / t.ppiX;
      const x1 = widthMm / 2 + ((xPx + 0.0625) * 25.4 * scale) / t.ppiX;
      fine[j * W + i] =
        (reflectance(x0, y - dy) +
          reflectance(x1, y - dy) +
          reflectance(x0, y + dy) +
          reflectance(x1, y + dy)) /
        4;
    }
  }
  const blurred = blurSeparable(fine, W, H, t.blurSigmaPx * S);
  const rnd = stream(t.seed, 'known-truth', key);
  const img = createGrayImage(t.widthPx, t.heightPx, t.tagPpi, 0);
  for (let y = 0; y < t.heightPx; y++) {
    for (let x = 0; x < t.widthPx; x++) {
      let s = 0;
      for (let v = 0; v < S; v++) for (let u = 0; u < S; u++) s += blurred[(y * S + v) * W + x * S + u];
      let g = t.black + (t.white - t.black) * (s / (S * S)) ** t.gamma + rnd.normal(0, t.noise);
      g = Math.round(g / t.quantStep) * t.quantStep;
      (img.data as Uint8Array)[y * t.widthPx + x] = Math.max(0, Math.min(255, Math.round(g)));
    }
  }
  if (t.stuckRows)
    (img.data as Uint8Array).fill(
      t.stuckRows.gray,
      t.stuckRows.start * t.widthPx,
      (t.stuckRows.start + t.stuckRows.count) * t.widthPx,
    );
  return img;
}

/** A finger-like pattern: ridges of period 9 px (at 500 ppi) looping round a core inside an ellipse. */
function fingerReflectance(i: number, widthMm: number, heightMm: number): (x: number, y: number) => number {
  const cx = widthMm * (0.45 + 0.02 * (i % 5));
  const cy = heightMm * (0.45 + 0.02 * (i % 3));
  const period = 0.457;
  return (x, y) => {
    const ex = (x - cx) / (widthMm * 0.36);
    const ey = (y - cy) / (heightMm * 0.4);
    if (ex * ex + ey * ey > 1) return 1;
    const d = Math.hypot(x - cx, (y - cy) * 0.8 + 0.15 * (x - cx));
    return 0.5 + 0.5 * Math.cos((2 * Math.PI * d) / period);
  };
}

/** The known-truth device behind the suite's device interface. */
export class KnownTruthDevice implements ConformanceDevice {
  constructor(readonly truth: KnownTruth) {}

  get widthMm(): number {
    return (this.truth.widthPx / this.truth.ppiNominal) * 25.4;
  }

  get heightMm(): number {
    return (this.truth.heightPx / this.truth.ppiNominal) * 25.4;
  }

  async identity(): Promise<DeviceIdentity> {
    return {
      source: 'profile',
      name: 'known-truth',
      ppi: this.truth.ppiNominal,
      widthMm: this.widthMm,
      heightMm: this.heightMm,
    };
  }

  private capture(image: GrayImage, pad?: ConformanceCapture['pad']): ConformanceCapture {
    return { image, png: encodeGrayPng(image), acquired: true, latencyMs: 300, ...(pad ? { pad } : {}) };
  }

  async captureTarget(target: TestTarget, sequence: number): Promise<ConformanceCapture> {
    return this.capture(
      renderKnownTruth(
        this.truth,
        (x, y) => target.reflectance(x, y),
        target.widthMm,
        target.heightMm,
        `${target.id}/${sequence}`,
      ),
    );
  }

  async captureFinger(i: number): Promise<ConformanceCapture> {
    const img = renderKnownTruth(
      this.truth,
      fingerReflectance(i, this.widthMm, this.heightMm),
      this.widthMm,
      this.heightMm,
      `finger/${i}`,
    );
    const reject = stream(this.truth.seed, 'pad', 'bona-fide', i).bernoulli(this.truth.bpcer);
    return this.capture(img, { score: reject ? 0.2 : 0.8, decision: reject ? 'attack' : 'bona-fide' });
  }

  async capturePresentation(species: string, i: number): Promise<ConformanceCapture> {
    const accepted = stream(this.truth.seed, 'pad', species, i).bernoulli(this.truth.apcer);
    return {
      image: null,
      acquired: true,
      latencyMs: 300,
      pad: { score: accepted ? 0.8 : 0.2, decision: accepted ? 'bona-fide' : 'attack' },
    };
  }

  padSpecies(): readonly string[] {
    return ['gelatine', 'printed'];
  }
}
