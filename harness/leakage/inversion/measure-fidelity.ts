/**
 * Prints the offline fidelity of template inversion: `node harness/cli/run-ts.mjs
 * harness/leakage/inversion/measure-fidelity.ts [--seed S] [--count N] [--source template-only|rendered]
 * [--png DIR]`. Rendered sources take about a second more per template (two impressions rendered).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeGrayPng } from '../../../sim/image/png-encode.ts';
import { type FidelitySource, measureFidelity } from './reconstruction-fidelity.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: 'inversion' },
    count: { type: 'string', default: '20' },
    source: { type: 'string', default: 'template-only' },
    png: { type: 'string' },
  },
});
const count = Number(values.count);
const started = performance.now();
if (values.source !== 'template-only' && values.source !== 'rendered')
  throw new Error(`--source must be template-only or rendered, got '${values.source}'`);
const source: FidelitySource = values.source;
const s = measureFidelity(values.seed, count, source);
const ms = performance.now() - started;
for (const t of s.trials) {
  process.stdout.write(
    `subject ${t.subject} finger ${t.position}: stored ${t.storedMinutiae} minutiae, extracted ${t.extractedMinutiae}, score ${t.score.toFixed(4)}${t.otherImpressionScore === null ? '' : `, other impression ${t.otherImpressionScore.toFixed(4)}`}\n`,
  );
  if (values.png) {
    mkdirSync(values.png, { recursive: true });
    writeFileSync(join(values.png, `s${t.subject}-f${t.position}.png`), encodeGrayPng(t.image));
  }
}
process.stdout.write(
  `seed ${values.seed}, ${source}: ${count} templates, accepted at FMR 0.1 % (threshold ${s.threshold.toFixed(4)}): ${(100 * s.acceptedShare).toFixed(1)} %, median score ${s.medianScore.toFixed(4)}, ${(ms / count).toFixed(0)} ms per template${s.otherImpressionAcceptedShare === null ? '' : `; against another impression: ${(100 * s.otherImpressionAcceptedShare).toFixed(1)} % accepted`}\n`,
);
