/**
 * Template-only synthesis benchmark: templates per CPU second on one core for a new finger
 * (template-only master + one impression: a 1:N gallery entry), for masters alone and for
 * impressions of an existing master, each against a yardstick run in the same process.
 *
 *   node harness/cli/run-ts.mjs perf/bench/synthesis-template-only.ts [--seconds S]
 *
 * The yardstick is a fixed piece of the same kind of work (random streams opened by address and
 * normal draws, as synthesis does them): on a shared machine, where other jobs slow every figure,
 * the ratio "templates per yardstick unit" stays put while the absolute rates move. Rates are CPU
 * time (user + system), which waiting for a core does not inflate.
 */
import { loadavg } from 'node:os';
import { FINGER_POSITIONS, type FingerPosition } from '../../sim/fingerprints/finger-position.ts';
import { templateOnlyImpression, templateOnlyMaster } from '../../sim/fingerprints/template-only.ts';
import { stream } from '../../sim/random/stream.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';

const TARGET_PER_CORE = 20_000;

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}

const seconds = Number(flag('seconds', '1'));
const position = (i: number) => FINGER_POSITIONS[i % 10] as FingerPosition;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Items per CPU second: best of three runs of `seconds` CPU seconds each, after a warm-up. */
function rate(work: (i: number) => void): number {
  for (let i = 0; i < 2000; i++) work(i);
  let best = 0;
  let i = 0;
  for (let run = 0; run < 3; run++) {
    const start = cpuMs();
    let n = 0;
    while (cpuMs() - start < 1000 * seconds) {
      for (let k = 0; k < 100; k++) work(i++);
      n += 100;
    }
    best = Math.max(best, (n * 1000) / (cpuMs() - start));
  }
  return best;
}

let sink = 0;
/** One yardstick unit: 10 streams opened by address and 100 normal draws. */
function yardstick(i: number): void {
  for (let k = 0; k < 10; k++) {
    const r = stream('yardstick', i, k);
    for (let d = 0; d < 10; d++) sink += r.normal(0, 1);
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');
console.log(`dactylo ${DACTYLO_VERSION} template-only synthesis benchmark, load ${loadavg()[0].toFixed(1)}`);
console.log('per-core rates in CPU time; ratios against the yardstick measured in this process');

const before = rate(yardstick);
const entry = rate((i) => templateOnlyImpression(templateOnlyMaster('bench', i, position(i)), 0));
const masters = rate((i) => templateOnlyMaster('bench', i, position(i)));
const one = templateOnlyMaster('bench', 0, 2);
const impressions = rate((i) => templateOnlyImpression(one, i));
const after = rate(yardstick);
const unit = (before + after) / 2;

const line = (label: string, perSecond: number, note = '') =>
  console.log(
    `${label.padEnd(46)} ${fmt(perSecond).padStart(8)}/s   ${(perSecond / unit).toFixed(2).padStart(6)} per yardstick unit  ${note}`,
  );
console.log(
  `yardstick (10 streams + 100 normals)          ${fmt(unit).padStart(8)}/s   (before ${fmt(before)}, after ${fmt(after)})`,
);
line(
  'new finger + one impression (gallery entry)',
  entry,
  entry >= TARGET_PER_CORE
    ? `target ≥ ${fmt(TARGET_PER_CORE)}: met`
    : `target ≥ ${fmt(TARGET_PER_CORE)}: MISSED`,
);
line('template-only master alone', masters);
line('impression of an existing master', impressions);
if (sink === 0.5) console.log('');
