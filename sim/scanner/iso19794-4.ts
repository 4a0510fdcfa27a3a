import type { GrayImage } from '../image/gray-image.ts';
import { decodePng } from '../image/png-decode.ts';
import { encodeGrayPng } from '../image/png-encode.ts';
import type { Capture } from './types.ts';

/**
 * ISO/IEC 19794-4:2005 finger image record ("FIR\0", version "010\0"), big-endian throughout.
 *
 * General record header, 32 bytes (ISO/IEC 19794-4:2005 §7.1, Table 2):
 * | offset | bytes | field                                                              |
 * |      0 |     4 | format identifier "FIR\0"                                          |
 * |      4 |     4 | version "010\0"                                                    |
 * |      8 |     6 | record length, whole record in bytes                              |
 * |     14 |     2 | capture device ID (vendor-assigned, 0 = unreported)               |
 * |     16 |     2 | image acquisition level (10, 20, 30, 31, 40, 41)                   |
 * |     18 |     1 | number of fingers/palms (finger image records that follow)         |
 * |     19 |     1 | scale units: 1 pixels per inch, 2 pixels per centimetre            |
 * |     20 |   2+2 | horizontal, vertical scan resolution                               |
 * |     24 |   2+2 | horizontal, vertical image resolution                              |
 * |     28 |     1 | pixel depth, bits (1–16)                                           |
 * |     29 |     1 | compression: 0 none, 1 bit-packed, 2 WSQ, 3 JPEG, 4 JPEG 2000, 5 PNG |
 * |     30 |     2 | reserved, 0                                                        |
 * Finger image header, 14 bytes, before each image (§7.2, Table 4):
 * |      0 |     4 | length of this finger data block (header + image data)             |
 * |      4 |     1 | finger/palm position (0 unknown, 1–10, 11–15 multi-finger, 20–36 palm) |
 * |      5 |     1 | count of views                                                     |
 * |      6 |     1 | view number                                                        |
 * |      7 |     1 | finger image quality (0–100)                                       |
 * |      8 |     1 | impression type (0 live-scan plain, 1 live-scan rolled, 2/3 non-live, 8 swipe…) |
 * |      9 |     2 | horizontal line length (pixels)                                    |
 * |     11 |     2 | vertical line length (pixels)                                      |
 * |     13 |     1 | reserved, 0                                                        |
 * Image data follow: raw pixels row by row (compression 0, 8 bits: one byte each) or a PNG stream.
 * dactylo writes and reads 8-bit images, uncompressed or PNG; it rejects the other codecs by name.
 */

export const GENERAL_HEADER_LENGTH = 32;
export const FINGER_HEADER_LENGTH = 14;
const FORMAT_ID = Buffer.from('FIR\0', 'latin1');
const VERSION = Buffer.from('010\0', 'latin1');
const ACQUISITION_LEVELS = [10, 20, 30, 31, 40, 41];
const COMPRESSION_NAMES = ['none', 'bit-packed', 'WSQ', 'JPEG', 'JPEG 2000', 'PNG'] as const;

export type FirCompression = 'none' | 'png';

export interface FingerView {
  readonly position: number;
  readonly viewCount: number;
  readonly viewNumber: number;
  readonly quality: number;
  readonly impressionType: number;
  readonly width: number;
  readonly height: number;
  /** The image data exactly as stored: raw 8-bit pixels or a PNG stream. */
  readonly data: Uint8Array;
}

export interface FingerImageRecord {
  readonly captureDeviceId: number;
  readonly acquisitionLevel: number;
  readonly scaleUnits: 1 | 2;
  readonly scanResolution: { readonly horizontal: number; readonly vertical: number };
  readonly imageResolution: { readonly horizontal: number; readonly vertical: number };
  readonly pixelDepth: number;
  readonly compression: FirCompression;
  readonly views: readonly FingerView[];
}

/** A record that is not a well-formed ISO/IEC 19794-4:2005 finger image record; the message says why. */
export class FirRecordError extends Error {
  override name = 'FirRecordError';
}

export function encodeFingerImageRecord(r: FingerImageRecord): Buffer {
  const total = GENERAL_HEADER_LENGTH + r.views.reduce((n, v) => n + FINGER_HEADER_LENGTH + v.data.length, 0);
  const b = Buffer.alloc(total);
  FORMAT_ID.copy(b, 0);
  VERSION.copy(b, 4);
  b.writeUIntBE(total, 8, 6);
  b.writeUInt16BE(r.captureDeviceId, 14);
  b.writeUInt16BE(r.acquisitionLevel, 16);
  b.writeUInt8(r.views.length, 18);
  b.writeUInt8(r.scaleUnits, 19);
  b.writeUInt16BE(r.scanResolution.horizontal, 20);
  b.writeUInt16BE(r.scanResolution.vertical, 22);
  b.writeUInt16BE(r.imageResolution.horizontal, 24);
  b.writeUInt16BE(r.imageResolution.vertical, 26);
  b.writeUInt8(r.pixelDepth, 28);
  b.writeUInt8(r.compression === 'png' ? 5 : 0, 29);
  let o = GENERAL_HEADER_LENGTH;
  for (const v of r.views) {
    b.writeUInt32BE(FINGER_HEADER_LENGTH + v.data.length, o);
    b.writeUInt8(v.position, o + 4);
    b.writeUInt8(v.viewCount, o + 5);
    b.writeUInt8(v.viewNumber, o + 6);
    b.writeUInt8(v.quality, o + 7);
    b.writeUInt8(v.impressionType, o + 8);
    b.writeUInt16BE(v.width, o + 9);
    b.writeUInt16BE(v.height, o + 11);
    b.set(v.data, o + FINGER_HEADER_LENGTH);
    o += FINGER_HEADER_LENGTH + v.data.length;
  }
  return b;
}

function fail(msg: string): never {
  throw new FirRecordError(`ISO/IEC 19794-4 record: ${msg}`);
}

function readView(b: Buffer, o: number, index: number, compression: FirCompression): FingerView {
  if (o + FINGER_HEADER_LENGTH > b.length) fail(`finger image header ${index + 1} is cut off at byte ${o}`);
  const length = b.readUInt32BE(o);
  if (length < FINGER_HEADER_LENGTH)
    fail(`finger data block ${index + 1} claims ${length} bytes, less than its 14-byte header`);
  if (o + length > b.length)
    fail(`finger data block ${index + 1} (${length} bytes at byte ${o}) runs past the end of the record`);
  const view: FingerView = {
    position: b[o + 4],
    viewCount: b[o + 5],
    viewNumber: b[o + 6],
    quality: b[o + 7],
    impressionType: b[o + 8],
    width: b.readUInt16BE(o + 9),
    height: b.readUInt16BE(o + 11),
    data: new Uint8Array(b.subarray(o + FINGER_HEADER_LENGTH, o + length)),
  };
  const p = view.position;
  if (!(p <= 15 || (p >= 20 && p <= 36)))
    fail(`finger ${index + 1}: position ${p} is not a finger or palm code`);
  if (view.quality > 100) fail(`finger ${index + 1}: image quality ${view.quality} is above 100`);
  if (view.impressionType > 9)
    fail(`finger ${index + 1}: impression type ${view.impressionType} is not defined`);
  if (view.width === 0 || view.height === 0)
    fail(`finger ${index + 1}: image size ${view.width}×${view.height}`);
  if (b[o + 13] !== 0) fail(`finger ${index + 1}: reserved byte is ${b[o + 13]}, should be 0`);
  if (compression === 'none' && view.data.length !== view.width * view.height)
    fail(
      `finger ${index + 1}: ${view.data.length} bytes of pixels for a ${view.width}×${view.height} 8-bit image (needs ${view.width * view.height})`,
    );
  return view;
}

/** Parses and checks a record; every defect found is reported by name, nothing is guessed. */
export function decodeFingerImageRecord(bytes: Uint8Array): FingerImageRecord {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < GENERAL_HEADER_LENGTH) fail(`${b.length} bytes, shorter than the 32-byte general header`);
  if (!b.subarray(0, 4).equals(FORMAT_ID))
    fail(`format identifier is ${JSON.stringify(b.toString('latin1', 0, 4))}, not "FIR\\0"`);
  if (!b.subarray(4, 8).equals(VERSION))
    fail(`version is ${JSON.stringify(b.toString('latin1', 4, 8))}, dactylo reads "010\\0" (2005)`);
  const length = b.readUIntBE(8, 6);
  if (length !== b.length) fail(`record length field says ${length} bytes, the record has ${b.length}`);
  const level = b.readUInt16BE(16);
  if (!ACQUISITION_LEVELS.includes(level))
    fail(`image acquisition level ${level} is not one of ${ACQUISITION_LEVELS.join(', ')}`);
  const count = b[18];
  if (count === 0) fail('number of fingers is 0');
  const scaleUnits = b[19];
  if (scaleUnits !== 1 && scaleUnits !== 2) fail(`scale units ${scaleUnits}: 1 (ppi) or 2 (ppcm) expected`);
  const res = [20, 22, 24, 26].map((o) => b.readUInt16BE(o));
  if (res.some((r) => r === 0)) fail('a scan or image resolution is 0');
  const depth = b[28];
  if (depth !== 8) fail(`pixel depth ${depth} bits: dactylo reads 8-bit gray images`);
  const code = b[29];
  if (code !== 0 && code !== 5)
    fail(
      `compression ${code} (${COMPRESSION_NAMES[code] ?? 'undefined'}) is not supported: dactylo reads uncompressed (0) and PNG (5)`,
    );
  if (b.readUInt16BE(30) !== 0) fail('reserved bytes 30–31 are not 0');
  const compression: FirCompression = code === 5 ? 'png' : 'none';
  const views: FingerView[] = [];
  let o = GENERAL_HEADER_LENGTH;
  for (let i = 0; i < count; i++) {
    const v = readView(b, o, i, compression);
    views.push(v);
    o += FINGER_HEADER_LENGTH + v.data.length;
  }
  if (o !== b.length) fail(`${b.length - o} bytes after the last of the ${count} finger images`);
  return {
    captureDeviceId: b.readUInt16BE(14),
    acquisitionLevel: level,
    scaleUnits,
    scanResolution: { horizontal: res[0], vertical: res[1] },
    imageResolution: { horizontal: res[2], vertical: res[3] },
    pixelDepth: depth,
    compression,
    views,
  };
}

function ppiOf(r: FingerImageRecord): number {
  const h = r.imageResolution.horizontal;
  return r.scaleUnits === 1 ? h : h * 2.54;
}

/** The pixels of view `index` (PNG streams decoded and checked against the header's line lengths). */
export function viewImage(r: FingerImageRecord, index = 0): GrayImage {
  const v = r.views[index];
  if (!v) throw new RangeError(`record has ${r.views.length} views, no view ${index}`);
  const ppi = ppiOf(r);
  if (r.compression === 'none') return { width: v.width, height: v.height, data: v.data, ppi };
  const img = decodePng(v.data, ppi);
  if (img.width !== v.width || img.height !== v.height)
    fail(`view ${index + 1}: PNG is ${img.width}×${img.height}, the header says ${v.width}×${v.height}`);
  return img;
}

export interface FirEncodeOptions {
  readonly compression?: FirCompression;
  /** 0–100; 0 when the device does not assess quality. */
  readonly quality?: number;
  readonly captureDeviceId?: number;
}

/** A capture as a one-view record: live-scan plain impression, 8-bit, resolution in ppi. */
export function captureToFingerImageRecord(capture: Capture, options: FirEncodeOptions = {}): Buffer {
  const { image } = capture;
  const ppi = Math.round(capture.ppiNominal);
  const compression = options.compression ?? 'none';
  const data = compression === 'png' ? encodeGrayPng(image) : image.data;
  return encodeFingerImageRecord({
    captureDeviceId: options.captureDeviceId ?? 0,
    acquisitionLevel: ppi >= 1000 ? 41 : 31,
    scaleUnits: 1,
    scanResolution: { horizontal: ppi, vertical: ppi },
    imageResolution: { horizontal: ppi, vertical: ppi },
    pixelDepth: 8,
    compression,
    views: [
      {
        position: capture.fingerPosition,
        viewCount: 1,
        viewNumber: 1,
        quality: options.quality ?? 0,
        impressionType: 0,
        width: image.width,
        height: image.height,
        data,
      },
    ],
  });
}
