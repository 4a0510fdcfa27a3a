/**
 * Matcher benchmark: 1:1 comparisons per second on one core and on all workers (target ≥ 20,000 per
 * core), memory per prepared template, preparation time, and extractions per second on 388×374 images.
 *
 *   node harness/cli/run-ts.mjs perf/bench/matcher.ts [--workers N] [--rounds N]
 *
 * Templates are those dactylo extracts from FVC2002 DB1_B (../shared/fvc) when it is there, else
 * synthetic minutiae sets of 40 minutiae (sim/matcher/mcc/synthetic-minutiae.ts); the output says which.
 * Rates are per wall-clock second and per CPU second (on a shared machine the wall clock also counts
 * the time other processes hold the core). The plain-JavaScript comparison (the reference the
 * WebAssembly kernel is tested against) runs on the same pairs, alternating with it, as the baseline.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { decodeImage } from '../../sim/image/decode-image.ts';
import { extract } from '../../sim/matcher/extract.ts';
import {
  comparePrepared,
  comparePreparedReference,
  type PreparedTemplate,
  prepare,
  preparedBytes,
} from '../../sim/matcher/mcc/comparison.ts';
import {
  BIT_CYLINDER,
  COMPACT_CYLINDER,
  type CylinderParameters,
} from '../../sim/matcher/mcc/mcc-parameters.ts';
import { syntheticFinger } from '../../sim/matcher/mcc/synthetic-minutiae.ts';
import type { FingerTemplate } from '../../sim/matcher/template.ts';
import { stream } from '../../sim/random/index.ts';
import { fvcSetDir } from '../../sim/runtime/shared-data.ts';
import { startTsWorker } from '../../sim/runtime/ts-worker.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';
import { comparisonRounds } from './matcher-comparisons.ts';

const TARGET_PER_CORE = 20_000;
const TEMPLATES = 24;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const rate = (n: number): string => Math.round(n).toLocaleString('en').padStart(8);

function loadTemplates(): {
  templates: FingerTemplate[];
  source: string;
  extractionsPerSecond: number | null;
} {
  const dir = fvcSetDir('fvc2002-db1b');
  if (!dir) {
    const templates = Array.from({ length: TEMPLATES }, (_, i) =>
      syntheticFinger(stream('bench-matcher', i)),
    );
    return { templates, source: 'synthetic minutiae sets (40 minutiae)', extractionsPerSecond: null };
  }
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.tif'))
    .sort()
    .filter((_, i) => i % 3 === 0)
    .slice(0, TEMPLATES);
  const images = files.map((f) => decodeImage(readFileSync(join(dir, f))));
  const cpu0 = process.cpuUsage();
  const templates = images.map((im) => extract(im));
  const cpu = process.cpuUsage(cpu0);
  const mean = templates.reduce((a, t) => a + t.minutiae.length, 0) / templates.length;
  return {
    templates,
    source: `${templates.length} FVC2002 DB1_B templates (${mean.toFixed(1)} minutiae on average)`,
    extractionsPerSecond: images.length / ((cpu.user + cpu.system) / 1e6),
  };
}

type Compare = (a: PreparedTemplate, b: PreparedTemplate) => number;

function timed(prepared: PreparedTemplate[], rounds: number, compare: Compare) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = comparisonRounds(prepared, rounds, compare);
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - t0) / 1000;
  return { ...r, wall: r.count / wall, cpu: r.count / ((cpu.user + cpu.system) / 1e6) };
}

/**
 * The kernel and the JavaScript reference on the same pairs, alternated round by round so that
 * both see the same machine load; their CPU-second ratio is the figure that travels between runs.
 */
function oneCore(templates: FingerTemplate[], rounds: number, cylinder: CylinderParameters) {
  const prepared = templates.map((t) => prepare(t, { cylinder }));
  comparisonRounds(prepared, 1);
  comparisonRounds(prepared, 1, comparePreparedReference);
  const kernel = { count: 0, checksum: 0, wall: 0, cpu: 0 };
  const reference = { count: 0, checksum: 0, wall: 0, cpu: 0 };
  for (let r = 0; r < rounds; r++) {
    for (const [sum, compare] of [
      [kernel, comparePrepared],
      [reference, comparePreparedReference],
    ] as const) {
      const m = timed(prepared, 1, compare);
      sum.count += m.count;
      sum.checksum = m.checksum;
      sum.wall += m.count / m.wall;
      sum.cpu += m.count / m.cpu;
    }
  }
  const rates = (s: typeof kernel) => ({ ...s, wall: s.count / s.wall, cpu: s.count / s.cpu });
  return { ...rates(kernel), reference: rates(reference) };
}

async function allWorkers(
  templates: FingerTemplate[],
  rounds: number,
  workers: number,
  cylinder: CylinderParameters,
) {
  const results = await Promise.all(
    Array.from(
      { length: workers },
      () =>
        new Promise<{ count: number; checksum: number; cpuMs: number; wallMs: number }>((resolve, reject) => {
          const w = startTsWorker(new URL('./matcher-worker.ts', import.meta.url).href, {
            templates,
            rounds,
            cylinder,
          });
          w.once('message', (m) => {
            resolve(m);
            void w.terminate();
          });
          w.once('error', reject);
        }),
    ),
  );
  // Timed inside each worker (comparisons only, not thread start-up), over the slowest worker.
  const count = results.reduce((a, r) => a + r.count, 0);
  const wallMs = Math.max(...results.map((r) => r.wallMs));
  return { count, wall: count / (wallMs / 1000), checksums: results.map((r) => r.checksum) };
}

function measureConfiguration(label: string, cylinder: CylinderParameters, templates: FingerTemplate[]) {
  const prepareStart = process.cpuUsage();
  const prepared = templates.map((t) => prepare(t, { cylinder }));
  const cpu = process.cpuUsage(prepareStart);
  const bytes = prepared.map(preparedBytes);
  return {
    label,
    prepareMs: (cpu.user + cpu.system) / 1000 / templates.length,
    meanBytes: Math.round(bytes.reduce((a, b) => a + b, 0) / bytes.length),
    maxBytes: Math.max(...bytes),
  };
}

const workers = arg('--workers', availableParallelism());
const rounds = arg('--rounds', 3);
const { templates, source, extractionsPerSecond } = loadTemplates();
const lines = [
  `dactylo ${DACTYLO_VERSION} matcher benchmark — MCC bit cylinders (ND=6), LSS-R`,
  `templates: ${source}`,
  extractionsPerSecond === null
    ? 'extraction: (no FVC images)'
    : `extraction, one core: ${rate(extractionsPerSecond)} images/CPU s (388×374, target 20)`,
];
for (const [label, cylinder] of [
  [`NS=${BIT_CYLINDER.spatialCells} (default)`, BIT_CYLINDER],
  [`NS=${COMPACT_CYLINDER.spatialCells} (compact)`, COMPACT_CYLINDER],
] as const) {
  const m = measureConfiguration(label, cylinder, templates);
  const single = oneCore(templates, rounds, cylinder);
  const all = await allWorkers(templates, rounds, workers, cylinder);
  lines.push(
    `${label}:`,
    `  prepare (cylinders):          ${m.prepareMs.toFixed(2)} ms CPU per template`,
    `  memory per prepared template: mean ${m.meanBytes} B, max ${m.maxBytes} B`,
    `  1:1, one core:   ${rate(single.wall)} /s wall, ${rate(single.cpu)} /CPU s (target ${TARGET_PER_CORE.toLocaleString('en')}) — WebAssembly kernel`,
    `  1:1, one core:   ${rate(single.reference.wall)} /s wall, ${rate(single.reference.cpu)} /CPU s — JavaScript reference, same pairs: kernel ${(single.cpu / single.reference.cpu).toFixed(2)}× faster, same scores: ${single.checksum === single.reference.checksum}`,
    `  1:1, ${workers} workers: ${rate(all.wall)} /s wall (${rate(all.wall / workers)} per worker); same scores on every worker: ${all.checksums.every((c) => c === single.checksum)}`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
