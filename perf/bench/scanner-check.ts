/**
 * Scanner conformance benchmark: one full `dactylo scanner check` of a virtual device (targets,
 * standard panel, attacks, every check), printed stage by stage and check by check with wall-clock
 * and CPU time, against the 60 s target; plus captures per second of the virtual scanner, with a
 * baseline (a flat target, which costs only the device chain) measured in the same process.
 *
 *   node harness/cli/run-ts.mjs perf/bench/scanner-check.ts [--profile optical-500] [--spec appendix-f]
 *     [--panel 60] [--attacks 24]
 */
import { loadavg } from 'node:os';
import { DEFAULT_ATTACKS_CLI } from '../../harness/cli/commands/scanner-check.ts';
import { DEFAULT_PANEL, runConformance } from '../../harness/scanner/conformance.ts';
import { VirtualDevice } from '../../harness/scanner/sources/virtual-device.ts';
import type { SpecName } from '../../harness/scanner/spec-limits.ts';
import { standardTargets } from '../../harness/scanner/target-catalogue.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';
import { scannerProfile, VirtualScanner } from '../../sim/scanner/index.ts';

const TARGET_FULL_CHECK_S = 60;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const profile = arg('--profile', 'optical-500');
const spec = arg('--spec', 'appendix-f') as SpecName;
const panel = Number(arg('--panel', String(DEFAULT_PANEL)));
const attacks = Number(arg('--attacks', String(DEFAULT_ATTACKS_CLI)));
const line = (label: string, value: string, note = '') =>
  console.log(`${label.padEnd(40)} ${value.padStart(12)}  ${note}`);

console.log(
  `dactylo ${DACTYLO_VERSION} — scanner check benchmark, profile ${profile}, spec ${spec}, panel ${panel}, ${attacks} attacks/species, load ${loadavg()[0].toFixed(1)}`,
);

// Captures per second of the virtual scanner: targets (device chain only) against live fingers.
const scanner = new VirtualScanner(scannerProfile(profile), { seed: 'bench' });
const p = scanner.profile;
const targets = standardTargets(p.resolution.nominalPpi, p.captureArea.widthMm, p.captureArea.heightMm);
const flat = targets.find((t) => t.id === 'flat-white');
if (!flat) throw new Error('no flat-white target');
let t0 = performance.now();
for (let i = 0; i < 5; i++) scanner.captureTarget(flat, { sequence: i });
const flatMs = (performance.now() - t0) / 5;
t0 = performance.now();
for (const t of targets) scanner.captureTarget(t, { sequence: 1 });
const targetMs = (performance.now() - t0) / targets.length;
scanner.captureFinger({ seed: 'bench', subject: 1, position: 2, impression: 1 });
t0 = performance.now();
for (let i = 2; i <= 6; i++) scanner.captureFinger({ seed: 'bench', subject: 1, position: 2, impression: i });
const fingerMs = (performance.now() - t0) / 5;
line('flat target capture (baseline)', `${flatMs.toFixed(0)} ms`, `${(1000 / flatMs).toFixed(1)} captures/s`);
line('catalogue target capture', `${targetMs.toFixed(0)} ms`, `× ${(targetMs / flatMs).toFixed(2)} baseline`);
line(
  'live finger capture (master cached)',
  `${fingerMs.toFixed(0)} ms`,
  `${(1000 / fingerMs).toFixed(1)} captures/s, × ${(fingerMs / flatMs).toFixed(2)} baseline`,
);

const cpu0 = process.cpuUsage();
t0 = performance.now();
const { report, timing } = await runConformance({
  device: new VirtualDevice(profile, 'dactylo'),
  spec,
  seed: 'dactylo',
  panelSize: panel,
  attacksPerSpecies: attacks,
});
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
for (const t of timing) line(t.stage, `${(t.ms / 1000).toFixed(2)} s`);
line(
  'full check, wall clock',
  `${wall.toFixed(1)} s`,
  wall <= TARGET_FULL_CHECK_S
    ? `target ≤ ${TARGET_FULL_CHECK_S} s: met`
    : `target ≤ ${TARGET_FULL_CHECK_S} s: NOT met`,
);
line('full check, CPU (user + system)', `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
line(
  'verdict',
  report.verdict,
  `${report.summary.pass} pass, ${report.summary.fail} fail, ${report.summary.notMeasured} not measured`,
);
