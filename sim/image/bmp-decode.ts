import type { GrayImage } from './gray-image.ts';
import { checkDimensions, ImageDecodeError, luma, tidyPpi } from './image-decode-error.ts';

const FILE_HEADER = 14;
const METRES_PER_INCH = 0.0254;

export function isBmp(buf: Uint8Array): boolean {
  return buf.length >= 2 && buf[0] === 0x42 && buf[1] === 0x4d;
}

/**
 * Decodes an uncompressed Windows BMP: 8-bit with palette (grayscale or colour, as luminance),
 * 24-bit and 32-bit BGR. Rows bottom-up unless the height is negative.
 */
export function decodeBmp(bytes: Uint8Array, defaultPpi: number): GrayImage {
  if (bytes.length < FILE_HEADER + 40) throw new ImageDecodeError('truncated BMP: the headers are cut off');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pixelOffset = view.getUint32(10, true);
  const dibSize = view.getUint32(14, true);
  if (dibSize < 40) throw new ImageDecodeError(`unsupported BMP: ${dibSize}-byte OS/2 header`);
  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  const height = Math.abs(rawHeight);
  const bpp = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  const xPelsPerMetre = view.getInt32(38, true);
  checkDimensions('BMP', width, height);
  if (bpp !== 8 && bpp !== 24 && bpp !== 32) {
    throw new ImageDecodeError(`${bpp}-bit BMP: dactylo reads 8-bit (palette) or 24/32-bit BMP`);
  }
  if (compression !== 0 && !(compression === 3 && bpp === 32)) {
    throw new ImageDecodeError(`unsupported BMP: compression method ${compression} (need uncompressed)`);
  }
  const stride = Math.ceil((width * bpp) / 32) * 4;
  if (pixelOffset + stride * height > bytes.length) {
    throw new ImageDecodeError(
      `truncated BMP: pixels need ${pixelOffset + stride * height} bytes, the file has ${bytes.length}`,
    );
  }
  const palette = bpp === 8 ? readPalette(bytes, view, dibSize) : null;
  const data = new Uint8Array(width * height);
  const bytesPerPixel = bpp / 8;
  for (let y = 0; y < height; y++) {
    const row = pixelOffset + (rawHeight > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      const p = row + x * bytesPerPixel;
      data[y * width + x] = palette ? palette[bytes[p]] : luma(bytes[p + 2], bytes[p + 1], bytes[p]);
    }
  }
  const ppi = xPelsPerMetre > 0 ? tidyPpi(xPelsPerMetre * METRES_PER_INCH) : defaultPpi;
  return { width, height, data, ppi };
}

function readPalette(bytes: Uint8Array, view: DataView, dibSize: number): Uint8Array {
  const declared = view.getUint32(46, true);
  const count = declared === 0 ? 256 : Math.min(declared, 256);
  const start = FILE_HEADER + dibSize;
  if (start + count * 4 > bytes.length) throw new ImageDecodeError('truncated BMP: the palette is cut off');
  const palette = new Uint8Array(256);
  for (let i = 0; i < count; i++) {
    const p = start + i * 4;
    palette[i] = luma(bytes[p + 2], bytes[p + 1], bytes[p]);
  }
  return palette;
}
