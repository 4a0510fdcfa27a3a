/**
 * Fingerprint synthesis benchmark: masters per second and impressions per second on one core,
 * template-only impressions (geometry and ground truth, no pixels), and the whole set pipeline
 * (masters, impressions, PNG encoding) with one worker and with all cores.
 *
 *   node harness/cli/run-ts.mjs perf/bench/synthesis.ts [--masters N] [--impressions K] [--sensor NAME]
 *     [--set-subjects S] [--set-impressions K] [--sheet FILE.png] [--ten-fingers FILE.png]
 *
 * --sheet also writes a contact sheet: five real FVC2002 DB1 images (top row, from ../shared/fvc)
 * above ten dactylo impressions on the same sensor size, to compare them by eye; --ten-fingers one
 * subject's ten fingers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { FINGER_POSITIONS } from '../../sim/fingerprints/finger-position.ts';
import {
  type FingerprintSetRequest,
  generateFingerprintSet,
} from '../../sim/fingerprints/fingerprint-set.ts';
import { groundTruthMinutiae } from '../../sim/fingerprints/impression/ground-truth.ts';
import { impressionGeometry, renderImpression } from '../../sim/fingerprints/impression/impression.ts';
import { generateMaster } from '../../sim/fingerprints/master/master.ts';
import type { MasterFingerprint } from '../../sim/fingerprints/master-fingerprint.ts';
import { sensorProfile } from '../../sim/fingerprints/sensor-profile.ts';
import { contactSheet } from '../../sim/image/contact-sheet.ts';
import type { GrayImage } from '../../sim/image/gray-image.ts';
import { encodeGrayPng } from '../../sim/image/png-encode.ts';
import { decodeTiff } from '../../sim/image/tiff-decode.ts';
import { fvcSetDir } from '../../sim/runtime/shared-data.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';

const SEED = 'bench';
const TARGET_MASTER_MS = 250;
const TARGET_IMPRESSION_MS = 50;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const masterCount = Number(arg('--masters', '20'));
const impressionsPerMaster = Number(arg('--impressions', '8'));
const sensor = sensorProfile(arg('--sensor', 'optical-fvc2002'));
const cores = availableParallelism();

/**
 * Runs `work` and returns its result with the CPU time it took (ms, user + system): on a shared
 * machine the wall clock also counts time spent waiting for a core, CPU time does not.
 */
function time<T>(work: () => T): [T, number] {
  const c = process.cpuUsage();
  const r = work();
  const d = process.cpuUsage(c);
  return [r, (d.user + d.system) / 1000];
}

const line = (label: string, value: string, note = '') =>
  console.log(`${label.padEnd(44)} ${value.padStart(12)}  ${note}`);
const verdict = (ms: number, target: number) =>
  ms <= target ? `target ≤ ${target} ms: met` : `target ≤ ${target} ms: MISSED`;

console.log(
  `dactylo ${DACTYLO_VERSION} synthesis benchmark, sensor ${sensor.name} ${sensor.width}×${sensor.height}, ${cores} cores, load ${loadavg()[0].toFixed(1)}`,
);
console.log('per-core figures are CPU time (user + system); whole-set figures are wall clock');

// Warm up the JIT on one finger so that the first figures do not include compilation.
renderImpression(generateMaster('warm-up', 1, 2), 1, sensor);

const [masters, masterMs] = time(() => {
  const out: MasterFingerprint[] = [];
  for (let i = 0; i < masterCount; i++)
    out.push(generateMaster(SEED, 1 + Math.floor(i / 10), FINGER_POSITIONS[i % 10]));
  return out;
});
line(
  'masters, one core',
  `${((masterCount * 1000) / masterMs).toFixed(2)}/s`,
  `${(masterMs / masterCount).toFixed(0)} ms each, ${verdict(masterMs / masterCount, TARGET_MASTER_MS)}`,
);

let pngBytes = 0;
let renderMs = 0;
let encodeMs = 0;
for (const m of masters)
  for (let k = 1; k <= impressionsPerMaster; k++) {
    const [imp, r] = time(() => renderImpression(m, k, sensor));
    const [png, e] = time(() => encodeGrayPng(imp.image));
    renderMs += r;
    encodeMs += e;
    pngBytes += png.length;
  }
const impressions = masterCount * impressionsPerMaster;
line(
  'impressions (render), one core',
  `${((impressions * 1000) / renderMs).toFixed(1)}/s`,
  `${(renderMs / impressions).toFixed(1)} ms each, ${verdict(renderMs / impressions, TARGET_IMPRESSION_MS)}`,
);
line(
  '  + PNG encoding',
  `${((impressions * 1000) / (renderMs + encodeMs)).toFixed(1)}/s`,
  `${(encodeMs / impressions).toFixed(1)} ms each, ${(pngBytes / impressions / 1024).toFixed(0)} KiB per PNG`,
);

const [, geometryMs] = time(() => {
  let n = 0;
  for (const m of masters)
    for (let k = 1; k <= impressionsPerMaster; k++) {
      const g = impressionGeometry(m, k, sensor);
      n += groundTruthMinutiae(m, g.transform, g.contact, sensor).length;
    }
  return n;
});
line(
  'template-only impressions (given masters)',
  `${((impressions * 1000) / geometryMs).toFixed(0)}/s`,
  'placement, contact, distortion, ground truth',
);

const request: FingerprintSetRequest = {
  seed: SEED,
  subjects: Number(arg('--set-subjects', '4')),
  fingers: FINGER_POSITIONS,
  impressions: Number(arg('--set-impressions', '4')),
  sensor: sensor.name,
  templatesOnly: false,
  layout: 'iso',
};
const setImages = request.subjects * request.fingers.length * request.impressions;
for (const workers of [1, cores]) {
  const t = performance.now();
  const c = process.cpuUsage();
  await generateFingerprintSet(request, workers, async () => {});
  const s = (performance.now() - t) / 1000;
  const d = process.cpuUsage(c);
  const cpu = (d.user + d.system) / 1e6;
  line(
    `whole set, ${workers} worker${workers > 1 ? 's' : ''} (${setImages} images)`,
    `${(setImages / s).toFixed(1)}/s`,
    `incl. masters, PNG, worker start-up; ${(setImages / cpu).toFixed(1)} images per CPU-second`,
  );
}

/** Real FVC2002 DB1 images above dactylo impressions, for the README. */
function writeSheet(file: string): void {
  const dir = fvcSetDir('fvc2002-db1b');
  const real: GrayImage[] = dir
    ? ['101_1', '103_2', '105_3', '107_4', '109_5'].map((n) =>
        decodeTiff(readFileSync(join(dir, `${n}.tif`)), 500),
      )
    : [];
  const picks: [number, number, number][] = [
    [1, 2, 1],
    [1, 2, 2],
    [2, 1, 1],
    [3, 3, 1],
    [4, 7, 2],
    [5, 4, 1],
    [6, 8, 3],
    [7, 6, 1],
    [8, 9, 2],
    [9, 5, 1],
  ];
  const fvcSensor = sensorProfile('optical-fvc2002');
  const synthetic = picks.map(
    ([s, p, k]) =>
      renderImpression(generateMaster('contact-sheet', s, FINGER_POSITIONS[p - 1]), k, fvcSensor).image,
  );
  writeFileSync(
    file,
    encodeGrayPng(contactSheet([...real, ...synthetic], { columns: 5, gap: 10, background: 90 })),
  );
  console.log(
    `contact sheet: ${file} (${real.length} FVC2002 DB1 images above ${synthetic.length} dactylo impressions)`,
  );
}

/** One subject's ten fingers (right thumb … left little), first impression each. */
function writeTenFingers(file: string): void {
  const fvcSensor = sensorProfile('optical-fvc2002');
  const tiles = FINGER_POSITIONS.map(
    (p) => renderImpression(generateMaster('ten-fingers', 1, p), 1, fvcSensor).image,
  );
  writeFileSync(file, encodeGrayPng(contactSheet(tiles, { columns: 5, gap: 10, background: 90 })));
  console.log(`ten fingers: ${file}`);
}

const sheet = arg('--sheet', '');
if (sheet) writeSheet(sheet);
const tenFingers = arg('--ten-fingers', '');
if (tenFingers) writeTenFingers(tenFingers);
