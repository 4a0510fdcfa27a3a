/**
 * Decision thresholds of dactylo's matcher measured on SYNTHETIC impostors: rendered impressions
 * (an FVC-layout set written by `dactylo fingerprints --layout fvc`) enrolled with dactylo's
 * extractor, every cross-finger pair among the first K impressions of each finger, genuine pairs
 * among the same impressions. Prints the values sim/matcher/thresholds.ts documents.
 *
 *   dactylo fingerprints --seed fvc100 --subjects 10 --fingers 1-10 --impressions 8 --layout fvc --out syn100
 *   node harness/cli/run-ts.mjs perf/bench/synthesis-thresholds.ts --db syn100 [--impressions 3] [--workers 2]
 *
 * 100 fingers × 3 impressions give 44,550 impostor comparisons, enough for FMR 0.01 % to rest on
 * four impostor scores.
 */
import { dactyloMatcher } from '../../harness/biometrics/dactylo-matcher.ts';
import {
  errorRates,
  fnmrAtFmr,
  operatingPoints,
  sortedScores,
} from '../../harness/biometrics/error-rates.ts';
import { readFvcDatabase } from '../../harness/biometrics/fvc-database.ts';
import { DOCUMENTED_FMRS } from '../../sim/matcher/thresholds.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';

function flag(name: string, fallback?: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const v = at > 0 ? process.argv[at + 1] : fallback;
  if (v === undefined) throw new Error(`--${name} is required`);
  return v;
}

const dir = flag('db');
const impressions = Number(flag('impressions', '3'));
const db = await readFvcDatabase(dir);
const images = db.images.filter((im) => im.impression <= impressions);
const matcher = dactyloMatcher({ workers: Number(flag('workers', '2')) });
const start = performance.now();
const templates = await matcher.extractAll(
  images.map((im) => im.path),
  () => {},
);
const extractS = (performance.now() - start) / 1000;
const genuine: (number | null)[] = [];
const impostor: (number | null)[] = [];
for (let i = 0; i < images.length; i++)
  for (let j = i + 1; j < images.length; j++) {
    const a = templates[i].template;
    const b = templates[j].template;
    const score = a && b ? await matcher.compare(a, b, i, j) : null;
    (images[i].finger === images[j].finger ? genuine : impostor).push(score);
  }
await matcher.close();
const g = sortedScores(genuine);
const im = sortedScores(impostor);
const points = operatingPoints(g, im);
console.log(
  `dactylo ${DACTYLO_VERSION}: ${dir}, ${db.fingers.length} fingers, impressions 1–${impressions}: ` +
    `${impostor.length} impostor and ${genuine.length} genuine comparisons (extraction ${extractS.toFixed(0)} s)`,
);
console.log(`pooled EER ${(errorRates(g, im).eer * 100).toFixed(2)} %`);
for (const fmr of DOCUMENTED_FMRS) {
  const p = fnmrAtFmr(points, fmr);
  const above = impostor.filter((s) => s !== null && s >= p.threshold).length;
  console.log(
    `  { fmr: ${fmr}, threshold: ${p.threshold}, fnmr: ${p.fnmr} }, // ${above} impostor scores at or above`,
  );
}
