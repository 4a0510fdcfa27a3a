/**
 * Draws the README's figure: rendered impressions (left) beside the images reconstructed from
 * nothing but their extracted minutiae templates (right). `node harness/cli/run-ts.mjs
 * harness/leakage/inversion/draw-figure.ts [--seed S] [--out FILE]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import type { FingerPosition } from '../../../sim/fingerprints/finger-position.ts';
import { renderImpression } from '../../../sim/fingerprints/impression/impression.ts';
import { generateMaster } from '../../../sim/fingerprints/master/master.ts';
import { DEFAULT_SENSOR, sensorProfile } from '../../../sim/fingerprints/sensor-profile.ts';
import { contactSheet } from '../../../sim/image/contact-sheet.ts';
import { encodeGrayPng } from '../../../sim/image/png-encode.ts';
import { extract } from '../../../sim/matcher/extract.ts';
import { decodeIsoTemplate, encodeIsoTemplate } from '../../../sim/matcher/iso19794-2.ts';
import { compare } from '../../../sim/matcher/mcc/comparison.ts';
import { reconstructFingerprint } from './template-reconstruction.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: 'inversion' },
    out: { type: 'string', default: 'harness/leakage/inversion/figures/original-vs-reconstructed.png' },
  },
});
const tiles = [];
for (const position of [1, 2, 7] as FingerPosition[]) {
  const original = renderImpression(
    generateMaster(values.seed, 0, position),
    1,
    sensorProfile(DEFAULT_SENSOR),
  ).image;
  const stored = decodeIsoTemplate(encodeIsoTemplate({ ...extract(original), position }));
  const reconstructed = reconstructFingerprint(stored);
  const score = compare(extract(reconstructed), stored);
  process.stdout.write(
    `finger ${position}: ${stored.minutiae.length} minutiae, MCC score ${score.toFixed(4)}\n`,
  );
  tiles.push(original, reconstructed);
}
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, encodeGrayPng(contactSheet(tiles, { columns: 2 })));
process.stdout.write(
  `wrote ${values.out} (seed ${values.seed}, subject 0, fingers 1, 2, 7; left original, right reconstruction)\n`,
);
