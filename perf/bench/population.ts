/**
 * Population benchmark: residents per second on one core (NDJSON lines, as `dactylo population`
 * writes them), and memory while streaming a million residents (RSS and heap sampled along the way:
 * flat means the generator keeps nothing per resident).
 *
 *   node harness/cli/run-ts.mjs perf/bench/population.ts [--rate-count N] [--stream-count N]
 *
 * "One core" is made literal: the benchmark re-runs itself under --single-threaded-gc, so that the
 * garbage collector works on the same thread as the generator. Rates are then given per wall-clock
 * second and per CPU second of the process: on a shared machine the wall clock also counts the time
 * other processes hold the core, the CPU clock does not.
 */
import { spawnSync } from 'node:child_process';
import { openSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { populationNdjson, ResidentFactory } from '../../sim/population/index.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';

const TARGET_PER_SECOND = 50_000;
const SEED = 'bench';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const rate = (n: number): string => Math.round(n).toLocaleString('en').padStart(8);

interface Rate {
  wall: number;
  cpu: number;
}

/** Items per wall second and per CPU second of `work`, each the best of five runs (the least disturbed). */
function measure(count: number, work: (run: number) => void): Rate {
  const best: Rate = { wall: 0, cpu: 0 };
  for (let run = 0; run < 5; run++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    work(run);
    const cpu = process.cpuUsage(cpu0);
    best.wall = Math.max(best.wall, count / ((performance.now() - t0) / 1000));
    best.cpu = Math.max(best.cpu, count / ((cpu.user + cpu.system) / 1e6));
  }
  return best;
}

function measureRates(count: number): { lines: Rate; residents: Rate } {
  const factory = new ResidentFactory(SEED);
  let sink = 0;
  // Warm-up: compile the hot paths and fill the per-window tables before anything is timed.
  for (let k = 0; k < 20_000; k++) sink += JSON.stringify(factory.resident(k)).length;
  const lines = measure(count, (run) => {
    for (let k = 0; k < count; k++) sink += JSON.stringify(factory.resident((run + 1) * count + k)).length;
  });
  const residents = measure(count, (run) => {
    for (let k = 0; k < count; k++) sink += factory.resident((run + 6) * count + k).index;
  });
  if (sink < 0) throw new Error('unreachable');
  return { lines, residents };
}

/** Streams `count` NDJSON lines to /dev/null in 1000-line chunks, sampling memory ten times. */
function measureMemory(count: number): { at: number; rss: number; heap: number }[] {
  const fd = openSync('/dev/null', 'w');
  const samples: { at: number; rss: number; heap: number }[] = [];
  const every = Math.max(1, Math.floor(count / 10));
  let chunk = '';
  let k = 0;
  for (const line of populationNdjson({ seed: SEED, count })) {
    chunk += line;
    if (k % 1000 === 0) {
      writeSync(fd, chunk);
      chunk = '';
    }
    if (k > 0 && k % every === 0) {
      const m = process.memoryUsage();
      samples.push({ at: k, rss: m.rss, heap: m.heapUsed });
    }
    k++;
  }
  writeSync(fd, chunk);
  return samples;
}

if (!process.execArgv.includes('--single-threaded-gc')) {
  const runTs = fileURLToPath(new URL('../../harness/cli/run-ts.mjs', import.meta.url));
  const args = ['--single-threaded-gc', ...process.execArgv, runTs, ...process.argv.slice(1)];
  process.exit(spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1);
}

const rateCount = arg('--rate-count', 50_000);
const streamCount = arg('--stream-count', 1_000_000);
console.log(
  `dactylo ${DACTYLO_VERSION} population benchmark (node ${process.version}, one core: --single-threaded-gc, seed '${SEED}')`,
);
const { lines, residents } = measureRates(rateCount);
console.log('                                            per wall s   per CPU s');
console.log(`  NDJSON lines (generate + serialise)        ${rate(lines.wall)}    ${rate(lines.cpu)}`);
console.log(`  residents (generate only)                  ${rate(residents.wall)}    ${rate(residents.cpu)}`);
console.log(
  `  target ${TARGET_PER_SECOND.toLocaleString('en')} lines/s: ${lines.wall >= TARGET_PER_SECOND ? 'met' : 'NOT met'} (wall clock)`,
);
const t = performance.now();
const samples = measureMemory(streamCount);
const seconds = (performance.now() - t) / 1000;
console.log(
  `  streamed ${streamCount.toLocaleString('en')} residents to /dev/null in ${seconds.toFixed(1)} s`,
);
for (const s of samples)
  console.log(`    after ${s.at.toLocaleString('en').padStart(9)}: rss ${mb(s.rss)}, heap ${mb(s.heap)}`);
const heaps = samples.slice(1).map((s) => s.heap);
const rss = samples.slice(1).map((s) => s.rss);
console.log(
  `  after warm-up: heap ${mb(Math.min(...heaps))} – ${mb(Math.max(...heaps))}, rss ${mb(Math.min(...rss))} – ${mb(Math.max(...rss))}`,
);
