import type { FingerPosition } from '../fingerprints/finger-position.ts';
import { ImageDecodeError } from '../image/image-decode-error.ts';
import { decodePng, isPng } from '../image/png-decode.ts';
import { decodeIsoRecord, IsoRecordError } from '../matcher/iso19794-2.ts';
import type { FingerprintInput } from '../reference/types.ts';
import { HttpError } from './http-error.ts';

/** What the contract accepts: 8-bit greyscale at 500 ppi (a PNG without pHYs is taken as 500 ppi). */
export const REQUIRED_PPI = 500;
/** ±1 %: pHYs is stored in pixels per metre, so 500 ppi arrives as 19,685 px/m ≈ 499.999 ppi. */
const PPI_TOLERANCE = 5;

export interface FingerprintJson {
  position: number;
  format: 'png' | 'iso19794-2';
  data: string;
}

/**
 * Turns the contract's base64 fingerprints into the domain's bytes, checking each is what it
 * claims to be before any work is done on it: a PNG that decodes, is 8-bit grey and 500 ppi; an
 * ISO/IEC 19794-2:2005 record that parses. Errors name the finger, never echo the bytes.
 */
export function decodeFingerprints(prints: readonly FingerprintJson[]): FingerprintInput[] {
  const seen = new Set<number>();
  return prints.map((p, i) => {
    if (seen.has(p.position))
      throw new HttpError(
        400,
        'duplicate-finger',
        `fingerprints[${i}]: finger position ${p.position} is given twice`,
      );
    seen.add(p.position);
    const data = base64Bytes(p.data, i);
    if (p.format === 'png') checkPng(data, i);
    else checkIsoRecord(data, i);
    return { position: p.position as FingerPosition, format: p.format, data };
  });
}

function base64Bytes(s: string, i: number): Uint8Array {
  const bytes = Buffer.from(s, 'base64');
  // Buffer.from skips bad characters and stray bits silently; a round trip catches them.
  if (bytes.length === 0 || bytes.toString('base64').replace(/=+$/, '') !== s.replace(/=+$/, ''))
    throw new HttpError(400, 'invalid-request', `fingerprints[${i}].data is not base64`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function checkPng(data: Uint8Array, i: number): void {
  if (!isPng(data))
    throw new HttpError(400, 'malformed-png', `fingerprints[${i}] is not a PNG (bad signature)`);
  const bitDepth = data.length > 25 ? data[24] : -1;
  const colorType = data.length > 25 ? data[25] : -1;
  if (bitDepth !== 8 || colorType !== 0)
    throw new HttpError(
      400,
      'unsupported-image',
      `fingerprints[${i}] must be 8-bit greyscale (PNG bit depth 8, colour type 0), got bit depth ${bitDepth}, colour type ${colorType}`,
    );
  let ppi: number;
  try {
    ppi = decodePng(data, REQUIRED_PPI).ppi;
  } catch (e) {
    if (e instanceof ImageDecodeError)
      throw new HttpError(400, 'malformed-png', `fingerprints[${i}]: ${e.message}`);
    throw e;
  }
  if (Math.abs(ppi - REQUIRED_PPI) > PPI_TOLERANCE)
    throw new HttpError(
      400,
      'unsupported-image',
      `fingerprints[${i}] must be ${REQUIRED_PPI} ppi, got ${Math.round(ppi)}`,
    );
}

function checkIsoRecord(data: Uint8Array, i: number): void {
  try {
    decodeIsoRecord(data);
  } catch (e) {
    if (e instanceof IsoRecordError || e instanceof RangeError)
      throw new HttpError(
        400,
        'malformed-template',
        `fingerprints[${i}] is not an ISO/IEC 19794-2:2005 record: ${e.message}`,
      );
    throw e;
  }
}
