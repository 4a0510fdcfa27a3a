import { gaussianBlur } from '../fingerprints/impression/noise.ts';
import type { PlatenPoint } from './device-geometry.ts';
import type { ScannerProfile } from './scanner-profile-types.ts';

/** Reflectance of the object on the platen at a point in mm from the platen centre (0 black … 1 white). */
export type PlatenReflectance = (xMm: number, yMm: number) => number;

/** Sub-samples per pixel side: 3 on single-finger platens; 2 on large ones, to keep the buffer near 40 MB. */
export function subsamplesFor(width: number, height: number): number {
  return width * height > 1_000_000 ? 2 : 3;
}

/**
 * What each pixel sees before the electronics. The object is sampled on a grid `s` times finer than
 * the pixels (through the device geometry), spread there by the optics' Gaussian point-spread
 * function — a sub-pixel σ is only representable on the finer grid — and then averaged over each
 * pixel's s × s cell: the box aperture. Gaussian × box is the device's MTF.
 */
export function opticalImage(
  p: ScannerProfile,
  width: number,
  height: number,
  geometry: PlatenPoint,
  reflectance: PlatenReflectance,
  detailed = true,
): Float32Array {
  if (!detailed) return smoothImage(p, width, height, geometry, reflectance);
  const s = subsamplesFor(width, height);
  const sw = width * s;
  const sh = height * s;
  const grid = new Float32Array(sw * sh);
  const pt = new Float64Array(2);
  for (let y = 0; y < sh; y++)
    for (let x = 0; x < sw; x++) {
      geometry((x + 0.5) / s, (y + 0.5) / s, pt);
      grid[y * sw + x] = reflectance(pt[0], pt[1]);
    }
  const ppi = (p.resolution.actualPpiX + p.resolution.actualPpiY) / 2;
  gaussianBlur(grid, sw, sh, ((p.optics.psfSigmaMm * ppi) / 25.4) * s);
  const out = new Float32Array(width * height);
  const norm = 1 / (s * s);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let j = 0; j < s; j++) {
        const row = (y * s + j) * sw + x * s;
        for (let i = 0; i < s; i++) acc += grid[row + i];
      }
      out[y * width + x] = acc * norm;
    }
  return out;
}

/**
 * The same for an object with no detail finer than a pixel (skin rendered at the nominal resolution):
 * one sample per pixel, and the box aperture folded into the blur as its variance (1/12 px²), since
 * Gaussian ⊗ box is close to a Gaussian of the summed variances. Nine times cheaper than `opticalImage`.
 */
function smoothImage(
  p: ScannerProfile,
  width: number,
  height: number,
  geometry: PlatenPoint,
  reflectance: PlatenReflectance,
): Float32Array {
  const out = new Float32Array(width * height);
  const pt = new Float64Array(2);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      geometry(x + 0.5, y + 0.5, pt);
      out[y * width + x] = reflectance(pt[0], pt[1]);
    }
  const ppi = (p.resolution.actualPpiX + p.resolution.actualPpiY) / 2;
  const sigma = (p.optics.psfSigmaMm * ppi) / 25.4;
  gaussianBlur(out, width, height, Math.sqrt(sigma * sigma + 1 / 12));
  return out;
}
