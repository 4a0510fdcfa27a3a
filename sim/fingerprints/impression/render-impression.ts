import { createGrayImage, type GrayImage } from '../../image/gray-image.ts';
import type { Random } from '../../random/index.ts';
import type { MasterFingerprint } from '../master-fingerprint.ts';
import type { SensorProfile } from '../sensor-profile.ts';
import { NOISE } from './impression-parameters.ts';
import type { InverseMap } from './impression-transform.ts';
import { addGaussianNoise, drawLineMarks, gaussianBlur, rasterizeLineMarks, valueNoise } from './noise.ts';

/** The master's ridge map and fingerprint area seen through the impression's inverse transform. */
export interface SampledMaster {
  readonly width: number;
  readonly height: number;
  /** Ridge height in [−1, 1] (+1 crest), 0 outside the master. */
  readonly ridges: Float32Array;
  /** Fraction of the pixel inside the fingerprint area, in [0, 1]. */
  readonly coverage: Float32Array;
}

/** Bilinear sampling of the master at the master coordinates of every sensor pixel. */
export function sampleMaster(master: MasterFingerprint, map: InverseMap): SampledMaster {
  const { width: mw, height: mh, ridges: mr, mask } = master;
  const n = map.width * map.height;
  const ridges = new Float32Array(n);
  const coverage = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = map.x[i];
    const y = map.y[i];
    if (!(x >= 0 && y >= 0 && x < mw - 1 && y < mh - 1)) continue;
    const x0 = x | 0;
    const y0 = y | 0;
    const fx = x - x0;
    const fy = y - y0;
    const k = y0 * mw + x0;
    const w00 = (1 - fx) * (1 - fy);
    const w10 = fx * (1 - fy);
    const w01 = (1 - fx) * fy;
    const w11 = fx * fy;
    ridges[i] = w00 * mr[k] + w10 * mr[k + 1] + w01 * mr[k + mw] + w11 * mr[k + mw + 1];
    coverage[i] = w00 * mask[k] + w10 * mask[k + 1] + w01 * mask[k + mw] + w11 * mask[k + mw + 1];
  }
  return { width: map.width, height: map.height, ridges, coverage };
}

/** Light lines where the skin did not touch: flexion creases, running across the finger. */
export function addCreases(
  ink: Float32Array,
  width: number,
  height: number,
  fingerAxis: number,
  random: Random,
): void {
  const count = random.poisson(NOISE.creasesMean);
  if (count === 0) return;
  const marks = drawLineMarks(random, count, width, height, NOISE.creaseWidth, fingerAxis + Math.PI / 2);
  const cover = new Float32Array(width * height);
  rasterizeLineMarks(marks, width, height, cover);
  for (let i = 0; i < ink.length; i++) ink[i] *= 1 - cover[i];
}

const TONE_STEPS = 1024;

/** ink^γ tabulated: a power per pixel would cost more than the rest of the rendering. */
function toneCurve(gamma: number): Float32Array {
  const t = new Float32Array(TONE_STEPS + 1);
  for (let i = 0; i <= TONE_STEPS; i++) t[i] = (i / TONE_STEPS) ** gamma;
  return t;
}

/**
 * What the sensor delivers for a given ink map: tone curve, uneven illumination, platen scratches,
 * optics blur and pixel noise, as set by the sensor profile. Dark ridges on a light background.
 */
export function renderSensorImage(ink: Float32Array, sensor: SensorProfile, random: Random): GrayImage {
  const { width, height } = sensor;
  const r = sensor.rendering;
  const shade = valueNoise(random, width, height, NOISE.shadingScale);
  const tone = toneCurve(r.gamma);
  const scratches = new Float32Array(width * height);
  rasterizeLineMarks(
    drawLineMarks(random, random.poisson(r.scratches), width, height, [0.6, 1.2]),
    width,
    height,
    scratches,
  );
  const contrast = r.background - r.ridge;
  const values = new Float32Array(width * height);
  // Sensor noise shows mostly where there is signal: an empty optical platen images almost flat.
  // The scratch buffer is reused for that per-pixel noise weight once read.
  const noiseWeight = scratches;
  for (let i = 0; i < values.length; i++) {
    const dark = tone[(ink[i] * TONE_STEPS + 0.5) | 0];
    const background = r.background - contrast * r.shading * 0.25 * (1 + shade[i]);
    const g = background - contrast * dark * (1 - r.shading * (1 - shade[i]));
    values[i] = g + (r.background - g) * 0.6 * scratches[i];
    noiseWeight[i] = NOISE.backgroundNoiseShare + (1 - NOISE.backgroundNoiseShare) * dark;
  }
  gaussianBlur(values, width, height, r.blur);
  const noise = shade.fill(0);
  addGaussianNoise(noise, random, r.noise);
  const img = createGrayImage(width, height, sensor.ppi, 0);
  const d = img.data as Uint8Array;
  for (let i = 0; i < d.length; i++) {
    const v = values[i] + noise[i] * noiseWeight[i];
    d[i] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
  }
  return img;
}
