/**
 * 1:N identification benchmark: templates searched per second (target ≥ 1,000,000/s on 2 cores, i.e.
 * a 1M gallery in ≤ 1 s), bytes per gallery entry in the search structure (target ≤ 4 KiB), and the
 * rank-1 hit rate of indexed search against exhaustive 1:1 search on the same probes (target: within
 * 1 point), for galleries of 10,000 and 100,000 entries (and 1,000,000 with --million).
 *
 *   node harness/cli/run-ts.mjs perf/bench/identification.ts [--million] [--probes N]
 *       [--exhaustive-probes N] [--workers N] [--source template-only|minutiae] [--seed S] [--sizes A,B,…]
 *
 * Gallery entries are synthetic templates without images: by default impression 0 of a finger from
 * the synthesis' template-only fast path (sim/fingerprints/template-only.ts), probed with impression 1
 * of the same finger; `--source minutiae` uses perturbed synthetic minutiae sets instead (ten times
 * cheaper to make, for quick runs). Probes are mates of entries spread over the first 10,000, so every
 * gallery size is searched with the same probes.
 */
import { availableParallelism } from 'node:os';
import { progressWanted } from '../../harness/cli/progress.ts';
import { Gallery } from '../../sim/matcher/identification/gallery.ts';
import { Identifier } from '../../sim/matcher/identification/identify.ts';
import {
  syntheticEntry,
  syntheticProbe,
  templateOnlyProbe,
} from '../../sim/matcher/identification/synthetic-gallery.ts';
import type { FingerTemplate } from '../../sim/matcher/template.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';
import { growGallery } from './gallery-build.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const seed = arg('--seed', 'bench-identification');
const source = arg('--source', 'template-only');
const workers = Number(arg('--workers', String(availableParallelism())));
const probeCount = Number(arg('--probes', '100'));
const exhaustiveProbes = Number(arg('--exhaustive-probes', '50'));
const sizes = arg('--sizes', `10000,100000${process.argv.includes('--million') ? ',1000000' : ''}`)
  .split(',')
  .map(Number);
const FIRST = Math.min(10_000, ...sizes);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Grows `gallery` to `size` entries (perf/bench/gallery-build.ts), with progress on a terminal. */
async function grow(gallery: Gallery, size: number): Promise<void> {
  await growGallery(gallery, {
    size,
    workers,
    source,
    seed,
    onAppend: (n, batches) => {
      if (batches % 50 === 0 && progressWanted()) process.stderr.write(`  gallery ${fmt(n)} entries\r`);
    },
  });
}

function probes(): { entry: number; template: FingerTemplate }[] {
  const step = Math.floor(FIRST / probeCount);
  return Array.from({ length: probeCount }, (_, k) => {
    const entry = k * step;
    const template =
      source === 'template-only'
        ? templateOnlyProbe(seed, entry)
        : syntheticProbe(seed, entry, syntheticEntry(seed, entry).template);
    return { entry, template };
  });
}

interface SizeFigures {
  size: number;
  msPerSearch: number;
  /** Hash votes and local similarity sort, over all shards. */
  coarseMs: number;
  /** 1:1 re-scoring of the candidates. */
  rescoreMs: number;
  rank1: number;
  penetration: number;
  shortlistShare: number;
  bytesPerEntry: number;
  indexBytesPerEntry: number;
  indexBuildSeconds: number;
}

async function measure(
  gallery: Gallery,
  ps: ReturnType<typeof probes>,
): Promise<{ figures: SizeFigures; id: Identifier }> {
  const t0 = performance.now();
  const id = await Identifier.open(gallery, { workers });
  const indexBuildSeconds = (performance.now() - t0) / 1000;
  for (const p of ps.slice(0, 2)) await id.identify(p.template, { topK: 1 });
  let hits = 0;
  let penetration = 0;
  let shortlisted = 0;
  let coarse = 0;
  let rescoring = 0;
  const wall0 = performance.now();
  for (const p of ps) {
    const at: Record<string, number> = { start: performance.now() };
    const trace = (stage: string) => {
      at[stage] = performance.now();
    };
    const found = await id.identify(p.template, { topK: 1, trace });
    coarse += at.candidates - at.start;
    rescoring += at.rescored - at.candidates;
    if (found.candidates[0]?.entry === p.entry) hits++;
    penetration += found.penetration;
    shortlisted += found.shortlisted / found.galleryEntries;
  }
  const wall = (performance.now() - wall0) / ps.length;
  return {
    id,
    figures: {
      size: gallery.size,
      msPerSearch: wall,
      coarseMs: coarse / ps.length,
      rescoreMs: rescoring / ps.length,
      rank1: hits / ps.length,
      penetration: penetration / ps.length,
      shortlistShare: shortlisted / ps.length,
      bytesPerEntry: gallery.bytes() / gallery.size,
      indexBytesPerEntry: id.indexBytes() / gallery.size,
      indexBuildSeconds,
    },
  };
}

async function indexedVsExhaustive(id: Identifier, ps: ReturnType<typeof probes>) {
  let indexed = 0;
  let exhaustive = 0;
  let agree = 0;
  for (const [k, p] of ps.entries()) {
    const a = await id.identify(p.template, { topK: 1 });
    const b = await id.identify(p.template, { topK: 1, exhaustive: true });
    if (a.candidates[0]?.entry === p.entry) indexed++;
    if (b.candidates[0]?.entry === p.entry) exhaustive++;
    if (a.candidates[0]?.entry === b.candidates[0]?.entry) agree++;
    if (progressWanted()) process.stderr.write(`  exhaustive ${k + 1}/${ps.length}\r`);
  }
  return { indexed: indexed / ps.length, exhaustive: exhaustive / ps.length, agree: agree / ps.length };
}

const pct = (x: number, d = 1) => `${(100 * x).toFixed(d)} %`;

async function main(): Promise<void> {
  process.stdout.write(
    `dactylo ${DACTYLO_VERSION} identification benchmark, seed '${seed}', ${workers} worker threads, ` +
      `${availableParallelism()} cores\n` +
      `gallery: ${source === 'template-only' ? 'template-only synthesis (impression 0; probes: impression 1 of the same finger)' : 'perturbed synthetic minutiae sets (probes: distorted, cropped mates)'}\n` +
      `${probeCount} probes (mates of entries spread over the first ${fmt(FIRST)}); rates are per wall-clock second on a machine that may be shared\n\n`,
  );
  const gallery = Gallery.create();
  const ps = probes();
  for (const size of sizes) {
    const b0 = performance.now();
    await grow(gallery, size);
    const buildSeconds = (performance.now() - b0) / 1000;
    const { figures: f, id } = await measure(gallery, ps);
    process.stdout.write(
      `gallery ${fmt(size).padStart(9)}: ${fmt(f.msPerSearch, 1)} ms a search → ${fmt(size / (f.msPerSearch / 1000))} templates searched/s ` +
        `(target ≥ 1,000,000/s)\n` +
        `  stages: ${fmt(f.coarseMs, 1)} ms index (hash votes + local similarity sort) → ${fmt(size / (f.coarseMs / 1000))} entries/s, ` +
        `${fmt(f.rescoreMs, 1)} ms 1:1 re-scoring of the candidates\n` +
        `  memory: ${fmt(f.bytesPerEntry + f.indexBytesPerEntry)} bytes an entry (${fmt(f.bytesPerEntry)} gallery + ${fmt(f.indexBytesPerEntry)} index; target ≤ 4,096)\n` +
        `  rank-1 hit rate (indexed) ${pct(f.rank1)}; penetration: ${pct(f.shortlistShare, 2)} shortlisted by local similarity, ${pct(f.penetration, 3)} re-scored 1:1\n` +
        `  built in ${fmt(buildSeconds, 1)} s, indexed in ${fmt(f.indexBuildSeconds, 1)} s\n`,
    );
    if (size === FIRST && exhaustiveProbes > 0) {
      const e = await indexedVsExhaustive(id, ps.slice(0, exhaustiveProbes));
      process.stdout.write(
        `  indexed vs exhaustive 1:1 on the same ${exhaustiveProbes} probes: rank-1 ${pct(e.indexed)} vs ${pct(e.exhaustive)} ` +
          `(difference ${((e.indexed - e.exhaustive) * 100).toFixed(1)} points, target within 1); same top candidate ${pct(e.agree)}\n`,
      );
    }
    await id.close();
  }
}

await main();
