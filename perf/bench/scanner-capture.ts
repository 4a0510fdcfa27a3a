/**
 * Virtual scanner benchmark: captures per second of each shipped profile, for a live finger
 * (masters already synthesized: they are cached across captures) and for a test target, with the
 * ratio to the dataset renderer (`renderImpression` of the same finger on the FVC2002-like sensor,
 * 388 × 374 px) measured in the same process as the baseline. Rates per wall-clock second and per
 * CPU second of the process (on a shared machine the wall clock also counts other processes).
 *
 *   node harness/cli/run-ts.mjs perf/bench/scanner-capture.ts [--captures N] [--profiles a,b]
 */
import { renderImpression } from '../../sim/fingerprints/impression/impression.ts';
import { sensorProfile } from '../../sim/fingerprints/sensor-profile.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';
import { cachedMaster } from '../../sim/scanner/master-cache.ts';
import { listScannerProfiles, scannerProfile } from '../../sim/scanner/scanner-profile.ts';
import type { TestTarget } from '../../sim/scanner/types.ts';
import { VirtualScanner } from '../../sim/scanner/virtual-scanner.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const CAPTURES = Number(arg('--captures', '6'));
const SEED = 'bench-scanner';
const names = arg(
  '--profiles',
  listScannerProfiles()
    .map((p) => p.name)
    .join(','),
).split(',');
const sine: TestTarget = {
  id: 'sine-x-5',
  widthMm: 90,
  heightMm: 90,
  reflectance: (x) => 0.5 + 0.4 * Math.sin(2 * Math.PI * 5 * x),
};

interface Rate {
  wall: number;
  cpu: number;
}

/** Items per second of `work(i)` for i < count, best of three runs. */
function measure(count: number, work: (i: number) => void): Rate {
  const best = { wall: 0, cpu: 0 };
  for (let run = 0; run < 3; run++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < count; i++) work(run * count + i);
    const cpu = process.cpuUsage(cpu0);
    best.wall = Math.max(best.wall, count / ((performance.now() - t0) / 1000));
    best.cpu = Math.max(best.cpu, count / ((cpu.user + cpu.system) / 1e6));
  }
  return best;
}

const fmt = (r: Rate) => `${r.wall.toFixed(2).padStart(6)}/s wall ${r.cpu.toFixed(2).padStart(6)}/s cpu`;

process.stdout.write(
  `dactylo ${DACTYLO_VERSION} scanner-capture benchmark, seed ${SEED}, ${CAPTURES} captures × 3 runs\n`,
);
for (const position of [2, 3, 4, 5] as const) cachedMaster(SEED, 1, position);
const fvc = sensorProfile('optical-fvc2002');
const baseline = measure(CAPTURES, (i) => renderImpression(cachedMaster(SEED, 1, 2), 1 + i, fvc));
process.stdout.write(`baseline renderImpression (optical-fvc2002, 388×374)   ${fmt(baseline)}\n`);
for (const name of names) {
  const scanner = new VirtualScanner(scannerProfile(name), { seed: SEED });
  const n = scanner.profile.form === 'four-finger-slap' ? Math.max(1, Math.round(CAPTURES / 3)) : CAPTURES;
  const finger = measure(n, (i) =>
    scanner.captureFinger({ seed: SEED, subject: 1, position: 2, impression: 1 + i }),
  );
  const target = measure(n, (i) => scanner.captureTarget(sine, { sequence: i }));
  const size = `${scanner.width}×${scanner.height}`;
  process.stdout.write(
    `${name.padEnd(26)} ${size.padStart(9)}  finger ${fmt(finger)} (×${(finger.cpu / baseline.cpu).toFixed(2)} baseline)  target ${fmt(target)}\n`,
  );
}
