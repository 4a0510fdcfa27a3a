// Master-fingerprint synthesis: masters/s per core with a per-stage breakdown, template-only
// templates/s per core, and (with --stats N) the minutiae statistics template-only mode copies.
//
//   node harness/cli/run-ts.mjs perf/bench/synthesis-masters.ts [--masters 30] [--stats N]
//                                [--sheet FILE.png [--classes]] [--scores FINGERS] [--seed S] [--subject K]
import { writeFileSync } from 'node:fs';
import { FINGER_POSITIONS, type FingerPosition } from '../../sim/fingerprints/finger-position.ts';
import { renderImpression } from '../../sim/fingerprints/impression/impression.ts';
import { masterContactSheet } from '../../sim/fingerprints/master/contact-sheet.ts';
import { generateMaster } from '../../sim/fingerprints/master/master.ts';
import { PATTERN_CLASSES } from '../../sim/fingerprints/master/pattern-class.ts';
import type { MasterFingerprint } from '../../sim/fingerprints/master-fingerprint.ts';
import { sensorProfile } from '../../sim/fingerprints/sensor-profile.ts';
import { templateOnlyImpression, templateOnlyMaster } from '../../sim/fingerprints/template-only.ts';
import { encodeGrayPng } from '../../sim/image/png-encode.ts';
import { extract } from '../../sim/matcher/extract.ts';
import { compare } from '../../sim/matcher/mcc/comparison.ts';
import type { FingerTemplate } from '../../sim/matcher/template.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
}

const seed = flag('seed') ?? 'bench';

/**
 * CPU milliseconds this process has used: on a shared machine, wall time counts other people's
 * work too, while per-core throughput is about ours.
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
const position = (i: number) => FINGER_POSITIONS[i % 10] as FingerPosition;

function benchMasters(count: number): void {
  const stages = new Map<string, number>();
  for (let i = 0; i < 3; i++) generateMaster(`${seed}-warm`, i, position(i));
  const start = cpuMs();
  const wall = performance.now();
  for (let i = 0; i < count; i++) {
    let last = cpuMs();
    generateMaster(seed, Math.floor(i / 10), position(i), {}, (stage) => {
      const now = cpuMs();
      stages.set(stage, (stages.get(stage) ?? 0) + now - last);
      last = now;
    });
  }
  const ms = (cpuMs() - start) / count;
  const wallMs = (performance.now() - wall) / count;
  console.log(
    `masters: ${count} in one thread, ${ms.toFixed(0)} CPU ms/master (${wallMs.toFixed(0)} ms wall)`,
  );
  console.log(`  ${(1000 / ms).toFixed(1)} masters/s per core`);
  console.log(
    `  per stage (CPU ms): ${[...stages].map(([s, t]) => `${s} ${(t / count).toFixed(1)}`).join(', ')}`,
  );
}

/** Items per CPU second, best of three runs of one CPU second each after a warm-up. */
function rate(work: (i: number) => void): number {
  for (let i = 0; i < 2000; i++) work(i);
  let best = 0;
  let i = 0;
  for (let run = 0; run < 3; run++) {
    const start = cpuMs();
    let n = 0;
    while (cpuMs() - start < 1000) {
      for (let k = 0; k < 100; k++) work(i++);
      n += 100;
    }
    best = Math.max(best, (n * 1000) / (cpuMs() - start));
  }
  return best;
}

function benchTemplateOnly(): void {
  const gallery = rate((i) => templateOnlyImpression(templateOnlyMaster(seed, i, position(i)), 0));
  const masters = rate((i) => templateOnlyMaster(seed, i, position(i)));
  const one = templateOnlyMaster(seed, 0, 2);
  const impressions = rate((i) => templateOnlyImpression(one, i));
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  console.log(
    `template-only, per core: ${fmt(masters)} master templates/s, ${fmt(impressions)} impression templates/s`,
  );
  console.log(`  new finger + one impression (a 1:N gallery entry): ${fmt(gallery)} templates/s`);
}

function nearestDistances(m: MasterFingerprint): number[] {
  return m.minutiae.map((q) =>
    Math.min(...m.minutiae.filter((r) => r !== q).map((r) => Math.hypot(r.x - q.x, r.y - q.y))),
  );
}

/** The rendered masters' minutiae statistics that TEMPLATE_ONLY reproduces. */
function stats(subjects: number): void {
  let count = 0;
  let area = 0;
  let endings = 0;
  let along = 0;
  let fvcWindow = 0;
  let periodSum = 0;
  const up = new Array(7).fill(0);
  const inBand = new Array(7).fill(0);
  const nearest: number[] = [];
  const perMaster: number[] = [];
  for (let s = 0; s < subjects; s++) {
    for (const p of FINGER_POSITIONS) {
      const m = generateMaster(`${seed}-stats`, s, p);
      for (let i = 0; i < m.mask.length; i++) {
        area += m.mask[i];
        if (m.mask[i]) periodSum += m.period[i];
      }
      count += m.minutiae.length;
      perMaster.push(m.minutiae.length);
      endings += m.minutiae.filter((q) => q.type === 'ending').length;
      for (const q of m.minutiae) {
        const theta = m.orientation[q.y * m.width + q.x];
        if (Math.abs(Math.cos(q.angle) * Math.cos(theta) - Math.sin(q.angle) * Math.sin(theta)) > 0.9)
          along++;
      }
      nearest.push(...nearestDistances(m));
      const cx = m.width / 2;
      const cy = m.height / 2;
      const cores = m.singularPoints.filter((p) => p.type === 'core');
      const centre = { y: cores.length ? cores.reduce((a, p) => a + p.y, 0) / cores.length : m.height * 0.4 };
      for (const q of m.minutiae) {
        const band = Math.min(6, Math.max(0, Math.floor((q.y - centre.y + 180) / 60)));
        inBand[band]++;
        if (Math.sin(q.angle) > 0) up[band]++;
      }
      fvcWindow += m.minutiae.filter((q) => Math.abs(q.x - cx) <= 194 && Math.abs(q.y - cy) <= 187).length;
    }
  }
  nearest.sort((a, b) => a - b);
  const q = (f: number) => nearest[Math.floor(f * (nearest.length - 1))].toFixed(1);
  const n = subjects * 10;
  console.log(
    `rendered masters: ${n}, minutiae per master ${(count / n).toFixed(1)} (min ${Math.min(...perMaster)}, max ${Math.max(...perMaster)})`,
  );
  console.log(
    `  per 100,000 px² of finger ${((1e5 * count) / area).toFixed(1)}, endings ${((100 * endings) / count).toFixed(1)}%`,
  );
  console.log(`  mean ridge period on the finger ${(periodSum / area).toFixed(2)} px`);
  console.log(`  in a centred 388×374 window ${(fvcWindow / n).toFixed(1)}`);
  console.log(
    `  nearest-neighbour distance px: 5% ${q(0.05)}, 25% ${q(0.25)}, median ${q(0.5)}, 90% ${q(0.9)}`,
  );
  const shares = up.map((u, b) => (inBand[b] ? u / inBand[b] : 0).toFixed(2)).join(', ');
  console.log(`  pointing up the finger, by 60-px band from 180 px above the cores: ${shares}`);
  console.log(`  directions within 26° of the ridge flow: ${((100 * along) / count).toFixed(1)}%`);
}

/** Impostor and genuine MCC scores between first and second impressions of `fingers` fingers. */
function scoreLine(name: string, prints: FingerTemplate[][]): void {
  const impostor: number[] = [];
  const genuine = prints.map(([a, b]) => compare(a, b)).sort((a, b) => a - b);
  for (let i = 0; i < prints.length; i++) {
    for (let j = i + 1; j < prints.length; j++) impostor.push(compare(prints[i][0], prints[j][0]));
  }
  impostor.sort((a, b) => a - b);
  const mean = (a: number[]) => (a.reduce((x, y) => x + y, 0) / a.length).toFixed(3);
  const at = (a: number[], f: number) => a[Math.min(a.length - 1, Math.floor(f * a.length))].toFixed(3);
  const minutiae = prints.flat().reduce((a, t) => a + t.minutiae.length, 0) / (2 * prints.length);
  console.log(
    `${name.padEnd(30)} minutiae ${minutiae.toFixed(1)}, impostor mean ${mean(impostor)} p95 ${at(impostor, 0.95)} ` +
      `p99 ${at(impostor, 0.99)}, genuine mean ${mean(genuine)} median ${at(genuine, 0.5)}`,
  );
}

/**
 * Template-only prints against rendered ones, scored by the MCC matcher: impressions 1 and 2 of
 * each finger on the FVC2002-like sensor, minutiae extracted from the images (and, for reference,
 * their ground truth), beside template-only impressions of the same fingers.
 */
function scores(fingers: number): void {
  const sensor = sensorProfile('optical-fvc2002');
  const extracted: FingerTemplate[][] = [];
  const truth: FingerTemplate[][] = [];
  const templateOnly: FingerTemplate[][] = [];
  for (let f = 0; f < fingers; f++) {
    const subject = Math.floor(f / 10);
    const m = generateMaster(`${seed}-scores`, subject, position(f));
    const shots = [1, 2].map((k) => renderImpression(m, k, sensor));
    extracted.push(shots.map((shot) => extract(shot.image)));
    truth.push(
      shots.map((shot) => ({
        width: sensor.width,
        height: sensor.height,
        ppi: 500,
        quality: 80,
        minutiae: shot.minutiae,
      })),
    );
    const sketch = templateOnlyMaster(`${seed}-scores`, subject, position(f));
    templateOnly.push([templateOnlyImpression(sketch, 1), templateOnlyImpression(sketch, 2)]);
  }
  console.log(`MCC scores, ${fingers} fingers, ${sensor.name} (${sensor.width}×${sensor.height})`);
  scoreLine('rendered, extracted', extracted);
  scoreLine('rendered, ground truth', truth);
  scoreLine('template-only', templateOnly);
}

console.log(`dactylo ${DACTYLO_VERSION}, seed ${seed}, node ${process.version}`);
const sheet = flag('sheet');
if (sheet) {
  const subject = Number(flag('subject') ?? 1);
  // --classes: one master of each pattern class (right index finger) instead of one subject's ten.
  const masters = process.argv.includes('--classes')
    ? PATTERN_CLASSES.map((patternClass) => generateMaster(seed, subject, 2, { patternClass }))
    : FINGER_POSITIONS.map((p) => generateMaster(seed, subject, p));
  writeFileSync(
    sheet,
    encodeGrayPng(masterContactSheet(masters, process.argv.includes('--classes') ? 6 : 5)),
  );
  console.log(
    `wrote ${sheet}: subject ${subject}: ${masters.map((m) => `${m.position} ${m.patternClass}`).join(', ')}`,
  );
} else if (flag('stats')) {
  stats(Number(flag('stats')));
} else if (flag('scores')) {
  scores(Number(flag('scores')));
} else {
  benchMasters(Number(flag('masters') ?? 30));
  benchTemplateOnly();
}
