/**
 * An 8-bit grayscale image, row-major, 0 = black. Fingerprints are dark ridges on a light
 * background, as sensors deliver them. `ppi` is the scanning resolution in pixels per inch.
 */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  readonly ppi: number;
}

/** The resolution every dactylo stage works at; other inputs are resampled to it first. */
export const STANDARD_PPI = 500;

export function createGrayImage(width: number, height: number, ppi = STANDARD_PPI, fill = 255): GrayImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`image size must be positive integers, got ${width}×${height}`);
  }
  const data = new Uint8Array(width * height);
  if (fill !== 0) data.fill(fill);
  return { width, height, data, ppi };
}

/** Converts a float image (any range) to 8 bits by clamping to [0, 255] and rounding. */
export function grayFromFloat(
  width: number,
  height: number,
  values: Float32Array | Float64Array,
  ppi = STANDARD_PPI,
): GrayImage {
  const img = createGrayImage(width, height, ppi, 0);
  const d = img.data as Uint8Array;
  for (let i = 0; i < d.length; i++) {
    const v = values[i];
    d[i] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
  }
  return img;
}
