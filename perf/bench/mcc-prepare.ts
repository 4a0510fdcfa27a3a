/**
 * MCC probe preparation (cylinders, bit cylinders, pair geometry): CPU time per template, the cost
 * that dominates a reference 1:1 verification (the enrolled side's cylinders are kept). Templates are
 * the pinned-score set (FVC extractions, synthetic impressions and minutiae sets), so the figure is on
 * the same inputs whose scores the tests pin. The baseline, timed in the same run on the same templates,
 * is the definition the fast builder is tested against: float cylinders (cylinder.ts), then packed.
 *
 *   node harness/cli/run-ts.mjs perf/bench/mcc-prepare.ts [--rounds N]
 */
import { readFileSync } from 'node:fs';
import { packBitCylinders } from '../../sim/matcher/mcc/bit-cylinder.ts';
import { prepare } from '../../sim/matcher/mcc/comparison.ts';
import { buildCylinders, discCellCount } from '../../sim/matcher/mcc/cylinder.ts';
import { pairGeometry } from '../../sim/matcher/mcc/lss-r.ts';
import { BIT_CYLINDER, COMPACT_CYLINDER } from '../../sim/matcher/mcc/mcc-parameters.ts';
import { minutiaPoints } from '../../sim/matcher/mcc/minutia-points.ts';
import {
  PINNED_SCORES_FILE,
  type PinnedScores,
  templateOf,
} from '../../sim/matcher/mcc/pinned-scores.fixture.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ROUNDS = arg('--rounds', 20);
const pinned = JSON.parse(readFileSync(PINNED_SCORES_FILE, 'utf8')) as PinnedScores;
const templates = pinned.templates.map(templateOf).filter((t) => t.minutiae.length >= 10);
const minutiae = templates.reduce((s, t) => s + t.minutiae.length, 0) / templates.length;
process.stdout.write(
  `MCC preparation, dactylo ${DACTYLO_VERSION}: ${templates.length} pinned templates (mean ${minutiae.toFixed(1)} minutiae), ${ROUNDS} rounds, CPU time of this process\n`,
);
type Cylinder = typeof BIT_CYLINDER;

/** The preparation as it was before the direct bit-cylinder builder: the float cylinder set, packed. */
function prepareByDefinition(t: (typeof templates)[number], cylinder: Cylinder): void {
  const points = minutiaPoints(t);
  pairGeometry(packBitCylinders(buildCylinders(points, cylinder), points, discCellCount(cylinder)));
}

/** CPU ms per template of `f` over all templates, ROUNDS times. */
function cpuMsPerTemplate(f: (t: (typeof templates)[number]) => void): number {
  for (const t of templates) f(t); // warm the JIT
  const cpu = process.cpuUsage();
  for (let r = 0; r < ROUNDS; r++) for (const t of templates) f(t);
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000 / (ROUNDS * templates.length);
}

for (const [name, cylinder] of [
  ['NS = 16 (default)', BIT_CYLINDER],
  ['NS = 8 (compact)', COMPACT_CYLINDER],
] as const) {
  // Alternated, so that both see the same machine load.
  let fast = 0;
  let definition = 0;
  for (let half = 0; half < 2; half++) {
    fast += cpuMsPerTemplate((t) => prepare(t, { cylinder }));
    definition += cpuMsPerTemplate((t) => prepareByDefinition(t, cylinder));
  }
  process.stdout.write(
    `  ${name}: prepare ${(fast / 2).toFixed(3)} ms CPU per template (${Math.round(2000 / fast)} /CPU s); ` +
      `by definition (float cylinders, packed) ${(definition / 2).toFixed(3)} ms; ratio ${(definition / fast).toFixed(2)}×\n`,
  );
}
