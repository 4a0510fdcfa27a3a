/** An image file that dactylo cannot read; the message names the problem in one line. */
export class ImageDecodeError extends Error {
  override name = 'ImageDecodeError';
}

/**
 * The largest side accepted from a file header. A plain four-finger slap at 1000 ppi is about
 * 3,200 px wide; anything beyond 4,000 px is refused before allocating, so that a forged
 * 20,000 × 20,000 header cannot exhaust memory.
 */
export const MAX_IMAGE_SIDE = 4000;

/** Rejects empty or absurd header dimensions before any pixel buffer is allocated. */
export function checkDimensions(format: string, width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new ImageDecodeError(`empty ${format} image: header says ${width}×${height} pixels`);
  }
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new ImageDecodeError(
      `${format} header says ${width}×${height} pixels, more than the ${MAX_IMAGE_SIDE}×${MAX_IMAGE_SIDE} limit`,
    );
  }
}

/** ITU-R BT.601 luma: colour fingerprint photos are read as their luminance, not refused. */
export function luma(r: number, g: number, b: number): number {
  return Math.round(0.299 * r + 0.587 * g + 0.114 * b);
}

const CM_PER_INCH = 2.54;

/** Converts a density in pixels per centimetre to pixels per inch. */
export function ppiFromPixelsPerCm(pxPerCm: number): number {
  return pxPerCm * CM_PER_INCH;
}

/**
 * Densities that round-trip through files as whole pixels per metre or per cm come back as
 * 499.9 or 500.38; snapping to the nearest whole ppi keeps 500 ppi exactly 500.
 */
export function tidyPpi(ppi: number): number {
  return Math.round(ppi);
}
