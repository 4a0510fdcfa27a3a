import { readFileSync } from 'node:fs';
import { decodeImage, ImageDecodeError } from '../../sim/image/decode-image.ts';
import { extract } from '../../sim/matcher/extract.ts';
import type { FingerTemplate } from '../../sim/matcher/template.ts';
import type { ExtractionResult } from './matcher-adapter.ts';

export interface ImageTask {
  path: string;
  ppi?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * dactylo's enrolment of one image file: decode, extract, serialise. An image that cannot be read or
 * decoded, that the extractor rejects, or that yields no minutiae is a failure to enrol, as FVC counts
 * it (with the reason in the report), not an error that stops the run.
 */
export function extractImageFile(task: ImageTask): ExtractionResult {
  const start = performance.now();
  try {
    const decoded = decodeImage(readFileSync(task.path));
    const image = task.ppi ? { ...decoded, ppi: task.ppi } : decoded;
    const template = extract(image);
    const ms = performance.now() - start;
    if (template.minutiae.length === 0) return { template: null, reason: 'no minutiae found', ms };
    return { template: encodeTemplate(template), ms };
  } catch (e) {
    const reason = e instanceof ImageDecodeError ? e.message : `cannot enrol: ${(e as Error).message}`;
    return { template: null, reason, ms: performance.now() - start };
  }
}

/** The adapter's template bytes: the FingerTemplate as JSON (exact coordinates and angles). */
export function encodeTemplate(t: FingerTemplate): Uint8Array {
  return encoder.encode(JSON.stringify(t));
}

export function decodeTemplate(bytes: Uint8Array): FingerTemplate {
  return JSON.parse(decoder.decode(bytes)) as FingerTemplate;
}
