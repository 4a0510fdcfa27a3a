import UTIF from 'utif2';
import type { GrayImage } from './gray-image.ts';
import {
  checkDimensions,
  ImageDecodeError,
  luma,
  ppiFromPixelsPerCm,
  tidyPpi,
} from './image-decode-error.ts';

type Ifd = UTIF.IFD;

export function isTiff(buf: Uint8Array): boolean {
  return (
    buf.length >= 4 &&
    ((buf[0] === 0x49 && buf[1] === 0x49 && buf[2] === 42 && buf[3] === 0) ||
      (buf[0] === 0x4d && buf[1] === 0x4d && buf[2] === 0 && buf[3] === 42))
  );
}

function tag(ifd: Ifd, id: number): number[] | undefined {
  const v = ifd[`t${id}`];
  return Array.isArray(v) ? (v as number[]) : undefined;
}

const COMPRESSION_NONE = 1;
const WHITE_IS_ZERO = 0;
const RGB = 2;
const UNIT_CM = 3;

function resolutionPpi(ifd: Ifd): number | null {
  const x = ifd.t282 as unknown as [number, number][] | undefined;
  if (!Array.isArray(x) || !Array.isArray(x[0]) || !(x[0][1] > 0)) return null;
  const value = x[0][0] / x[0][1];
  if (!(value > 0)) return null;
  const unit = tag(ifd, 296)?.[0] ?? 2;
  if (unit === 1) return null; // "no absolute unit": an aspect ratio, not a density
  return unit === UNIT_CM ? ppiFromPixelsPerCm(value) : value;
}

/** Strip bounds are checked here because utif2 reads past the end of a truncated file silently. */
function checkStrips(ifd: Ifd, fileLength: number, needed: number): void {
  const offsets = tag(ifd, 273) ?? tag(ifd, 324);
  const counts = tag(ifd, 279) ?? tag(ifd, 325);
  if (!offsets || !counts || offsets.length !== counts.length) {
    throw new ImageDecodeError('malformed TIFF: missing or inconsistent strip offsets/byte counts');
  }
  let total = 0;
  for (let i = 0; i < offsets.length; i++) {
    if (offsets[i] + counts[i] > fileLength) {
      throw new ImageDecodeError(
        `truncated TIFF: strip ${i} needs bytes up to ${offsets[i] + counts[i]}, the file has ${fileLength}`,
      );
    }
    total += counts[i];
  }
  if (tag(ifd, 259)?.[0] === COMPRESSION_NONE && total < needed) {
    throw new ImageDecodeError(`truncated TIFF: strips hold ${total} bytes, ${needed} needed`);
  }
}

/**
 * Decodes the first image of a TIFF (any compression utif2 supports) to 8-bit grayscale.
 * 8-bit gray and RGB(A) are read, RGB as luminance; other depths are refused with the reason.
 */
export function decodeTiff(bytes: Uint8Array, defaultPpi: number): GrayImage {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let ifds: Ifd[];
  try {
    ifds = UTIF.decode(buf);
  } catch (e) {
    throw new ImageDecodeError(`corrupt TIFF: ${(e as Error).message}`);
  }
  const ifd = ifds[0];
  if (!ifd) throw new ImageDecodeError('malformed TIFF: no image directory');
  const width = tag(ifd, 256)?.[0] ?? 0;
  const height = tag(ifd, 257)?.[0] ?? 0;
  checkDimensions('TIFF', width, height);
  const bits = tag(ifd, 258) ?? [1];
  const samples = tag(ifd, 277)?.[0] ?? 1;
  if (bits.some((b) => b !== 8)) {
    throw new ImageDecodeError(
      `${bits[0]}-bit TIFF: dactylo reads 8-bit grayscale (convert the image to 8 bits per sample)`,
    );
  }
  const photometric = tag(ifd, 262)?.[0] ?? 1;
  const gray = samples === 1 && photometric <= 1;
  if (!gray && !(photometric === RGB && (samples === 3 || samples === 4))) {
    throw new ImageDecodeError(
      `unsupported TIFF: photometric ${photometric} with ${samples} samples per pixel (need 8-bit gray or RGB)`,
    );
  }
  checkStrips(ifd, buf.length, width * height * samples);
  try {
    UTIF.decodeImage(buf, ifd);
  } catch (e) {
    throw new ImageDecodeError(`corrupt TIFF: ${(e as Error).message}`);
  }
  const raw = ifd.data;
  if (!raw || raw.length < width * height * samples) {
    throw new ImageDecodeError('corrupt TIFF: pixel data decodes to fewer bytes than the image size');
  }
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) {
    const j = i * samples;
    const v = gray ? raw[j] : luma(raw[j], raw[j + 1], raw[j + 2]);
    data[i] = photometric === WHITE_IS_ZERO ? 255 - v : v;
  }
  const ppi = resolutionPpi(ifd);
  return { width, height, data, ppi: ppi ? tidyPpi(ppi) : defaultPpi };
}
