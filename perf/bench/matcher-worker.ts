import { parentPort, workerData } from 'node:worker_threads';
import { prepare } from '../../sim/matcher/mcc/comparison.ts';
import type { CylinderParameters } from '../../sim/matcher/mcc/mcc-parameters.ts';
import type { FingerTemplate } from '../../sim/matcher/template.ts';
import { comparisonRounds } from './matcher-comparisons.ts';

// One core's share of perf/bench/matcher.ts: prepare the templates, then time the comparison rounds.
const { templates, rounds, cylinder } = workerData as {
  templates: FingerTemplate[];
  rounds: number;
  cylinder: CylinderParameters;
};
const prepared = templates.map((t) => prepare(t, { cylinder }));
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const r = comparisonRounds(prepared, rounds);
const cpu = process.cpuUsage(cpu0);
parentPort?.postMessage({ ...r, wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 });
