/**
 * Pinned extraction outputs: the full template (every minutia's raw coordinates, angle, type and
 * quality; singular points; finger quality) extracted from a few FVC images and the analytic phase
 * fixture, so that speed work on the extraction stages is held to bit-identical output
 * (pinned-minutiae.test.ts). Regenerate only when an output change is intended:
 *
 *   node harness/cli/run-ts.mjs sim/matcher/extraction/pinned-minutiae.fixture.ts --write
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../../image/decode-image.ts';
import type { GrayImage } from '../../image/gray-image.ts';
import { type FvcSetName, fvcSetDir } from '../../runtime/shared-data.ts';
import { extract } from '../extract.ts';
import { phaseFingerprint } from './phase-fingerprint.test-helper.ts';

export const PINNED_MINUTIAE_FILE = fileURLToPath(new URL('./pinned-minutiae.fixture.json', import.meta.url));

export interface PinnedImage {
  set: FvcSetName | 'phase';
  file: string;
  ppi: number;
}

export const PINNED_IMAGES: PinnedImage[] = [
  { set: 'fvc2002-db1b', file: '101_1.tif', ppi: 500 },
  { set: 'fvc2002-db1b', file: '104_5.tif', ppi: 500 },
  { set: 'fvc2002-db1b', file: '110_3.tif', ppi: 500 },
  { set: 'fvc2002-db2b', file: '102_3.tif', ppi: 569 },
  { set: 'fvc2000-db4b', file: '103_2.tif', ppi: 500 },
  { set: 'phase', file: 'phase', ppi: 500 },
];

/** The image, or null when its FVC set is not beside the project. */
export function pinnedImage(p: PinnedImage): GrayImage | null {
  if (p.set === 'phase') return phaseFingerprint({ seed: 'pinned-minutiae' }).image;
  const dir = fvcSetDir(p.set);
  return dir ? decodeImage(readFileSync(join(dir, p.file)), p.ppi) : null;
}

/** The template as plain JSON data (what the fixture stores and the test compares). */
export function extractedJson(image: GrayImage): unknown {
  return JSON.parse(JSON.stringify(extract(image)));
}

if (process.argv.includes('--write')) {
  const out: Record<string, unknown> = {};
  for (const p of PINNED_IMAGES) {
    const image = pinnedImage(p);
    if (!image) throw new Error(`${p.set} is needed to build the pinned minutiae`);
    out[`${p.set}/${p.file}`] = extractedJson(image);
  }
  writeFileSync(PINNED_MINUTIAE_FILE, `${JSON.stringify(out)}\n`);
  process.stdout.write(`wrote ${PINNED_MINUTIAE_FILE}\n`);
}
