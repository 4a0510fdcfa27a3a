import { imageSize } from './scanner-profile.ts';
import type { ScannerProfile } from './scanner-profile-types.ts';

/** Where a point of the image falls on the platen, in mm from the platen's centre (x right, y down). */
export type PlatenPoint = (px: number, py: number, out: Float64Array) => void;

const MM_PER_INCH = 25.4;

/**
 * The device's sampling geometry: image coordinates (pixels, continuous, 0 at the top-left corner of
 * the first pixel) → platen mm. The true pitch is 25.4 / actual ppi, not the nominal pitch the image
 * header claims; uncorrected prism keystone scales x linearly with y; radial distortion
 * r(1 + k1 r²) acts about the optical axis (the platen centre).
 */
export function platenGeometry(p: ScannerProfile): PlatenPoint {
  const { width, height } = imageSize(p);
  const pitchX = MM_PER_INCH / p.resolution.actualPpiX;
  const pitchY = MM_PER_INCH / p.resolution.actualPpiY;
  const halfW = width / 2;
  const halfH = height / 2;
  const halfDiag2 = (halfW * pitchX) ** 2 + (halfH * pitchY) ** 2;
  const { keystone, barrelK1 } = p.geometry;
  return (px, py, out) => {
    const x = (px - halfW) * pitchX;
    const y = (py - halfH) * pitchY;
    const kx = x * (1 + (keystone * (py - halfH)) / halfH);
    const r = 1 + (barrelK1 * (kx * kx + y * y)) / halfDiag2;
    out[0] = kx * r;
    out[1] = y * r;
  };
}
