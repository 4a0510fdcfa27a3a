import { PNG } from 'pngjs';
import type { GrayImage } from './gray-image.ts';
import { checkDimensions, ImageDecodeError, luma, tidyPpi } from './image-decode-error.ts';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const METRES_PER_INCH = 0.0254;

export function isPng(buf: Uint8Array): boolean {
  return buf.length >= 8 && SIGNATURE.equals(Buffer.from(buf.buffer, buf.byteOffset, 8));
}

interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  ppi: number | null;
}

/**
 * Walks the chunk list before pngjs sees the file: pngjs reports truncation vaguely and would
 * silently rescale 16-bit samples; here both get a named reason, and the size is capped first.
 */
function readHeader(buf: Buffer): PngHeader {
  let pos = 8;
  let header: PngHeader | null = null;
  let sawEnd = false;
  while (pos < buf.length) {
    if (pos + 8 > buf.length)
      throw new ImageDecodeError(`truncated PNG: chunk header at byte ${pos} is cut off`);
    const length = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    if (pos + 12 + length > buf.length) {
      throw new ImageDecodeError(`truncated PNG: chunk ${type} at byte ${pos} runs past the end of the file`);
    }
    const body = buf.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      if (length < 13) throw new ImageDecodeError('malformed PNG: IHDR chunk is shorter than 13 bytes');
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        bitDepth: body[8],
        colorType: body[9],
        ppi: null,
      };
      checkDimensions('PNG', header.width, header.height);
      if (header.bitDepth === 16) {
        throw new ImageDecodeError(
          '16-bit PNG: dactylo reads 8-bit grayscale (convert the image to 8 bits per sample)',
        );
      }
    } else if (type === 'pHYs' && header && length >= 9 && body[8] === 1) {
      header.ppi = body.readUInt32BE(0) * METRES_PER_INCH;
    } else if (type === 'IEND') {
      sawEnd = true;
      break;
    }
    pos += 12 + length;
  }
  if (!header) throw new ImageDecodeError('malformed PNG: no IHDR chunk');
  if (!sawEnd) throw new ImageDecodeError('truncated PNG: the file ends before the IEND chunk');
  return header;
}

/** Decodes a PNG to 8-bit grayscale; colour is converted to luminance, alpha composited on white. */
export function decodePng(bytes: Uint8Array, defaultPpi: number): GrayImage {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = readHeader(buf);
  let png: PNG;
  try {
    png = PNG.sync.read(buf);
  } catch (e) {
    throw new ImageDecodeError(`corrupt PNG: ${(e as Error).message}`);
  }
  const { width, height } = png;
  const rgba = png.data;
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    const a = rgba[j + 3];
    const y = luma(rgba[j], rgba[j + 1], rgba[j + 2]);
    data[i] = a === 255 ? y : Math.round((y * a + 255 * (255 - a)) / 255);
  }
  const ppi = header.ppi && header.ppi > 0 ? tidyPpi(header.ppi) : defaultPpi;
  return { width, height, data, ppi };
}
