import { readFile } from 'node:fs/promises';
import { localRidgePeriod } from '../../sim/fingerprints/impression/ridge-frequency.ts';
import { decodeImage } from '../../sim/image/decode-image.ts';
import type { GrayImage } from '../../sim/image/gray-image.ts';
import { resampleToPpi } from '../../sim/image/resample.ts';
import { decodeTemplate } from './dactylo-extraction.ts';
import { evaluate } from './evaluation.ts';
import { readFvcDatabase } from './fvc-database.ts';
import type { ProtocolName } from './fvc-protocol.ts';
import { ksStatistic } from './ks-distance.ts';
import type { ExtractionResult, MatcherAdapter } from './matcher-adapter.ts';

/**
 * Synthetic against real: the same evaluation on several FVC-layout sets, and the two-sample
 * Kolmogorov–Smirnov distance of each set's minutiae-count, ridge-period, genuine-score and
 * impostor-score distributions to the first set's (the reference, e.g. a real FVC set). A
 * synthesis that is far easier or harder than real data shows up as large distances.
 */
export interface SetSpec {
  dir: string;
  /** Resolution of every image, overriding the files (FVC2002 DB2: 569). */
  ppi?: number;
}

export interface SetFigures {
  dir: string;
  fingers: number;
  images: number;
  eer: number;
  fmr1000: number;
  genuine: number[];
  impostor: number[];
  /** Minutiae per template (empty when the matcher's templates are not dactylo's). */
  minutiae: number[];
  /** Local ridge period (px at 500 ppi) of every 32 × 32 block with clear ridges. */
  periods: number[];
}

export interface SetComparisonRow {
  dir: string;
  eer: number;
  fmr1000: number;
  meanMinutiae: number | null;
  medianPeriod: number | null;
  counts: { genuine: number; impostor: number };
  /** KS D against the reference set (0 for the reference itself); null where either side has no data. */
  ks: { minutiae: number | null; period: number | null; genuine: number | null; impostor: number | null };
}

/** Blocks whose spectral peak stands this far above the band's mean power hold clear ridges. */
const MIN_STRENGTH = 8;
/** Brighter blocks are background (light platen), not finger. */
const MAX_BLOCK_MEAN = 200;
const BLOCK = 32;

function blockMean(img: GrayImage, x0: number, y0: number): number {
  let sum = 0;
  for (let y = y0; y < y0 + BLOCK; y++)
    for (let x = x0; x < x0 + BLOCK; x++) sum += img.data[y * img.width + x];
  return sum / (BLOCK * BLOCK);
}

/** Ridge periods of the clear-ridge blocks of one image, resampled to 500 ppi first. */
export function ridgePeriods(image: GrayImage): number[] {
  const img = resampleToPpi(image);
  const out: number[] = [];
  for (let y0 = 0; y0 + BLOCK <= img.height; y0 += BLOCK)
    for (let x0 = 0; x0 + BLOCK <= img.width; x0 += BLOCK) {
      if (blockMean(img, x0, y0) >= MAX_BLOCK_MEAN) continue;
      const p = localRidgePeriod(img, x0 + BLOCK / 2, y0 + BLOCK / 2, BLOCK);
      if (p.strength >= MIN_STRENGTH) out.push(p.period);
    }
  return out;
}

/** The adapter, with every template it extracts kept for counting minutiae. */
function recording(matcher: MatcherAdapter, kept: ExtractionResult[]): MatcherAdapter {
  return {
    name: matcher.name,
    extractAll: async (paths, onDone) => {
      const results = await matcher.extractAll(paths, onDone);
      kept.push(...results);
      return results;
    },
    compare: (a, b, ia, ib) => matcher.compare(a, b, ia, ib),
    prepareAll: matcher.prepareAll ? (t) => matcher.prepareAll!(t) : undefined,
    close: async () => {},
  };
}

function minutiaeCounts(results: readonly ExtractionResult[]): number[] {
  const counts: number[] = [];
  for (const r of results) {
    if (!r.template) continue;
    try {
      counts.push(decodeTemplate(r.template).minutiae.length);
    } catch {
      return []; // not dactylo's template format: counts unknown
    }
  }
  return counts;
}

/** Evaluates one set (bootstrap off) and gathers the distributions the comparison needs. */
export async function measureSet(
  spec: SetSpec,
  matcher: MatcherAdapter,
  o: { protocol: ProtocolName; workers: number; seed: string },
): Promise<SetFigures> {
  const kept: ExtractionResult[] = [];
  const report = await evaluate({
    db: spec.dir,
    protocol: o.protocol,
    matcher: recording(matcher, kept),
    seed: o.seed,
    replicates: 0,
    ppi: spec.ppi,
    workers: o.workers,
  });
  const db = await readFvcDatabase(spec.dir);
  const periods: number[] = [];
  for (const im of db.images) {
    let decoded: GrayImage;
    try {
      decoded = decodeImage(await readFile(im.path));
    } catch {
      continue; // an image dactylo cannot read (another matcher may): no ridge periods from it
    }
    periods.push(...ridgePeriods(spec.ppi ? { ...decoded, ppi: spec.ppi } : decoded));
  }
  const scores = (s: (number | null)[]) => s.filter((v): v is number => v !== null);
  return {
    dir: spec.dir,
    fingers: report.database.fingers,
    images: report.database.images,
    eer: report.eer,
    fmr1000: report.fmr1000,
    genuine: scores(report.scores.genuine),
    impostor: scores(report.scores.impostor),
    minutiae: minutiaeCounts(kept),
    periods,
  };
}

function median(values: readonly number[]): number | null {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? null : s[Math.floor((s.length - 1) / 2)];
}

function ks(a: readonly number[], b: readonly number[]): number | null {
  return a.length && b.length ? ksStatistic(a, b) : null;
}

/** One row per set, KS distances against the first set. */
export function compareSets(sets: readonly SetFigures[]): SetComparisonRow[] {
  const ref = sets[0];
  if (!ref) throw new RangeError('comparison needs at least one set');
  return sets.map((s) => ({
    dir: s.dir,
    eer: s.eer,
    fmr1000: s.fmr1000,
    meanMinutiae: s.minutiae.length ? s.minutiae.reduce((a, b) => a + b, 0) / s.minutiae.length : null,
    medianPeriod: median(s.periods),
    counts: { genuine: s.genuine.length, impostor: s.impostor.length },
    ks: {
      minutiae: ks(ref.minutiae, s.minutiae),
      period: ks(ref.periods, s.periods),
      genuine: ks(ref.genuine, s.genuine),
      impostor: ks(ref.impostor, s.impostor),
    },
  }));
}

/** The rows as a Markdown table (what the README shows). */
export function comparisonTable(rows: readonly SetComparisonRow[]): string {
  const pct = (v: number) => `${(100 * v).toFixed(2)} %`;
  const d = (v: number | null) => (v === null ? '—' : v.toFixed(3));
  const head =
    '| set | genuine / impostor | EER | FMR1000 | minutiae (mean) | ridge period (median px) | KS minutiae | KS period | KS genuine | KS impostor |\n' +
    '|---|---|---|---|---|---|---|---|---|---|\n';
  return (
    head +
    rows
      .map(
        (r) =>
          `| ${r.dir} | ${r.counts.genuine} / ${r.counts.impostor} | ${pct(r.eer)} | ${pct(r.fmr1000)} | ` +
          `${r.meanMinutiae === null ? '—' : r.meanMinutiae.toFixed(1)} | ${r.medianPeriod === null ? '—' : r.medianPeriod.toFixed(2)} | ` +
          `${d(r.ks.minutiae)} | ${d(r.ks.period)} | ${d(r.ks.genuine)} | ${d(r.ks.impostor)} |`,
      )
      .join('\n') +
    '\n'
  );
}

/** `DIR` or `DIR@PPI` as --compare takes them. */
export function parseSetSpec(text: string): SetSpec {
  const at = text.lastIndexOf('@');
  if (at <= 0) return { dir: text };
  const ppi = Number(text.slice(at + 1));
  if (!Number.isInteger(ppi) || ppi < 100 || ppi > 2000)
    throw new RangeError(`--compare ${text}: the resolution after '@' must be an integer 100–2000 ppi`);
  return { dir: text.slice(0, at), ppi };
}
