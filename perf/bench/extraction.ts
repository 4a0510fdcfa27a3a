/**
 * Extraction benchmark: minutiae extractions per second on FVC2002 DB1_B's 388×374 images, on one
 * core (per wall-clock and per CPU second, with the time of every stage) and on all workers.
 * Target: ≥ 20 per second per core (≤ 50 ms each).
 *
 *   node harness/cli/run-ts.mjs perf/bench/extraction.ts [--images N] [--rounds N] [--workers N]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { decodeImage } from '../../sim/image/decode-image.ts';
import type { GrayImage } from '../../sim/image/gray-image.ts';
import { extract } from '../../sim/matcher/extract.ts';
import { fvcMissingReason, fvcSetDir } from '../../sim/runtime/shared-data.ts';
import { startTsWorker } from '../../sim/runtime/ts-worker.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';

const TARGET_PER_CORE = 20;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const dir = fvcSetDir('fvc2002-db1b');
if (!dir) {
  process.stdout.write(`extraction benchmark skipped: ${fvcMissingReason('fvc2002-db1b')}\n`);
  process.exit(0);
}
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.tif'))
  .sort()
  .slice(0, arg('--images', 40));
const images: GrayImage[] = files.map((f) => decodeImage(readFileSync(join(dir, f))));
const rounds = arg('--rounds', 2);
const workers = arg('--workers', availableParallelism());

for (const img of images.slice(0, 8)) extract(img); // warm-up: JIT and the filter bank
const stageMs = new Map<string, number>();
let minutiae = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let r = 0; r < rounds; r++) {
  for (const img of images) {
    let last = performance.now();
    const t = extract(img, {
      trace: (stage) => {
        const now = performance.now();
        stageMs.set(stage, (stageMs.get(stage) ?? 0) + now - last);
        last = now;
      },
    });
    minutiae += t.minutiae.length;
  }
}
const n = images.length * rounds;
const wall = (performance.now() - t0) / 1000;
const cpu0u = process.cpuUsage(cpu0);
const cpu = (cpu0u.user + cpu0u.system) / 1e6;

const tAll = performance.now();
const counts = await Promise.all(
  Array.from(
    { length: workers },
    (_, w) =>
      new Promise<number>((resolve, reject) => {
        const mine = images.filter((_, i) => i % workers === w);
        const worker = startTsWorker(new URL('./extraction-worker.ts', import.meta.url).href, {
          images: mine,
          rounds,
        });
        worker.once('message', (m: number) => {
          resolve(m);
          void worker.terminate();
        });
        worker.once('error', reject);
      }),
  ),
);
const allWall = (performance.now() - tAll) / 1000;
const allCount = counts.reduce((a, b) => a + b, 0);

const lines = [
  `dactylo ${DACTYLO_VERSION} extraction benchmark — ${images.length} FVC2002 DB1_B images (388×374), ${rounds} rounds`,
  `one core: ${(n / wall).toFixed(1)} extractions/s wall, ${(n / cpu).toFixed(1)} /CPU s, ${((cpu * 1000) / n).toFixed(1)} ms CPU each (target ≥ ${TARGET_PER_CORE}/s)`,
  `${workers} workers: ${(allCount / allWall).toFixed(1)} extractions/s wall (includes worker start-up)`,
  `minutiae per image: ${(minutiae / n).toFixed(1)}`,
  'stage times (ms per image, one core):',
  ...[...stageMs].map(([s, ms]) => `  ${s.padEnd(24)} ${(ms / n).toFixed(2).padStart(7)}`),
  '',
];
process.stdout.write(lines.join('\n'));
