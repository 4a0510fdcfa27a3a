import { decodeBmp, isBmp } from './bmp-decode.ts';
import { type GrayImage, STANDARD_PPI } from './gray-image.ts';
import { ImageDecodeError } from './image-decode-error.ts';
import { decodePng, isPng } from './png-decode.ts';
import { decodeTiff, isTiff } from './tiff-decode.ts';

export { ImageDecodeError, MAX_IMAGE_SIDE } from './image-decode-error.ts';

/**
 * Reads a PNG, TIFF or BMP file's bytes (sniffed, not trusted from the name) into an 8-bit
 * grayscale image. ppi comes from the file (PNG pHYs, TIFF XResolution/ResolutionUnit, BMP
 * pixels per metre); files that carry none, like the FVC TIFFs, get `defaultPpi`.
 * Colour images are converted to luminance. Throws ImageDecodeError with a one-line reason.
 */
export function decodeImage(bytes: Uint8Array, defaultPpi = STANDARD_PPI): GrayImage {
  if (bytes.length === 0) throw new ImageDecodeError('empty file');
  if (isPng(bytes)) return decodePng(bytes, defaultPpi);
  if (isTiff(bytes)) return decodeTiff(bytes, defaultPpi);
  if (isBmp(bytes)) return decodeBmp(bytes, defaultPpi);
  throw new ImageDecodeError('unknown image format (dactylo reads PNG, TIFF and BMP)');
}
