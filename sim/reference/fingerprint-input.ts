import { type FingerPosition, isFingerPosition } from '../fingerprints/finger-position.ts';
import { decodeImage, ImageDecodeError } from '../image/decode-image.ts';
import { extract } from '../matcher/extract.ts';
import { decodeIsoTemplate, encodeIsoTemplate } from '../matcher/iso19794-2.ts';
import type { FingerTemplate } from '../matcher/template.ts';
import { DomainError } from './domain-error.ts';
import { REFERENCE_TUNING } from './reference-tuning.ts';
import type { FingerprintInput } from './types.ts';

/** A captured finger ready for matching and for the vault. */
export interface CapturedFinger {
  position: FingerPosition;
  template: FingerTemplate;
  /** ISO/IEC 19794-2 bytes as stored (sealed) in the vault. */
  iso: Uint8Array;
  quality: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

function decodeOne(f: FingerprintInput): FingerTemplate {
  const where = `finger ${f.position}`;
  if (!(f.data instanceof Uint8Array) || f.data.length === 0)
    throw new DomainError('malformed-fingerprint', `${where}: empty fingerprint data`);
  if (f.format === 'png') {
    if (f.data.length > REFERENCE_TUNING.maxImageBytes)
      throw new DomainError(
        'malformed-fingerprint',
        `${where}: image larger than ${REFERENCE_TUNING.maxImageBytes} bytes`,
      );
    if (!PNG_SIGNATURE.every((b, i) => f.data[i] === b))
      throw new DomainError('malformed-fingerprint', `${where}: format 'png' but the data is not a PNG`);
    try {
      return extract(decodeImage(f.data));
    } catch (e) {
      const why = e instanceof ImageDecodeError ? e.message : 'the image could not be read';
      throw new DomainError('malformed-fingerprint', `${where}: ${why}`);
    }
  }
  if (f.format === 'iso19794-2') {
    if (f.data.length > REFERENCE_TUNING.maxTemplateBytes)
      throw new DomainError(
        'malformed-fingerprint',
        `${where}: template larger than ${REFERENCE_TUNING.maxTemplateBytes} bytes`,
      );
    try {
      return decodeIsoTemplate(f.data);
    } catch (e) {
      throw new DomainError(
        'malformed-fingerprint',
        `${where}: not an ISO/IEC 19794-2 record (${(e as Error).message})`,
      );
    }
  }
  throw new DomainError('malformed-fingerprint', `${where}: format must be 'iso19794-2' or 'png'`);
}

/**
 * Decodes every finger before anything is written: a malformed one fails the whole request.
 * Templates are re-encoded, so the vault stores our own canonical ISO record, not the caller's bytes.
 */
export function captureFingers(inputs: readonly FingerprintInput[]): CapturedFinger[] {
  if (!Array.isArray(inputs)) throw new DomainError('invalid-request', 'fingerprints must be a list');
  const seen = new Set<number>();
  return inputs.map((f) => {
    if (!f || !isFingerPosition(f.position))
      throw new DomainError('invalid-request', `finger position must be 1–10, got ${String(f?.position)}`);
    if (seen.has(f.position)) throw new DomainError('invalid-request', `finger ${f.position} given twice`);
    seen.add(f.position);
    const decoded = decodeOne(f);
    if (decoded.minutiae.length === 0)
      throw new DomainError('malformed-fingerprint', `finger ${f.position}: no minutiae found`);
    const iso = encodeIsoTemplate({ ...decoded, position: f.position });
    // Match on what the vault will give back (ISO-quantised), so a search now equals one after restart.
    const template: FingerTemplate = { ...decodeIsoTemplate(iso), position: f.position };
    return { position: f.position, template, iso, quality: template.quality };
  });
}
