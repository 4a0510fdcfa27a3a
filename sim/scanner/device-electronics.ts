import { createGrayImage, type GrayImage } from '../image/gray-image.ts';
import type { Random } from '../random/index.ts';
import type { ScannerProfile } from './scanner-profile-types.ts';

/**
 * Irradiance → delivered gray levels: vignetting, the gray-level transfer curve, read and shot noise,
 * quantisation to the converter's effective bits, then the sensor's stuck rows. `irradiance` is the
 * optical image (reflectance after the optics).
 */
export function sensorReadout(
  p: ScannerProfile,
  width: number,
  height: number,
  irradiance: Float32Array,
  random: Random,
): GrayImage {
  const { black, white, gamma } = p.transfer;
  const { readNoise, shotNoise, effectiveBits } = p.electronics;
  const step = 2 ** (8 - effectiveBits);
  const img = createGrayImage(width, height, p.resolution.nominalPpi, 0);
  const d = img.data as Uint8Array;
  const cx = width / 2;
  const cy = height / 2;
  const corner2 = cx * cx + cy * cy;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const r2 = ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2) / corner2;
      const e = Math.max(0, irradiance[i]) * (1 - p.illumination.falloff * r2);
      const signal = black + (white - black) * (gamma === 1 ? e : e ** gamma);
      const v = signal + random.normal() * Math.sqrt(readNoise * readNoise + shotNoise * Math.max(0, signal));
      d[i] = quantise(v, step);
    }
  for (const band of p.electronics.stuckRows) {
    const start = Math.floor(band.startFraction * height);
    d.fill(Math.round(band.gray), start * width, Math.min(height, start + band.count) * width);
  }
  return img;
}

/** An 8-bit code from an analog value, through a converter with 256 / step levels (mid-step codes). */
export function quantise(v: number, step: number): number {
  const c = Math.min(255, Math.max(0, v));
  if (step === 1) return Math.round(c);
  return Math.min(255, Math.floor(c / step) * step + (step >> 1));
}
