import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';
import { bootstrapIntervals, CONFIDENCE, type Interval } from './bootstrap.ts';
import { type DetCurve, detCurve } from './det-curve.ts';
import {
  type ErrorRates,
  errorRates,
  fnmrAtFmr,
  operatingPoints,
  type WeightedScores,
} from './error-rates.ts';
import { type FvcDatabase, readFvcDatabase } from './fvc-database.ts';
import { type ComparisonPair, type ProtocolName, protocolPairs } from './fvc-protocol.ts';
import type { ExtractionResult, MatcherAdapter } from './matcher-adapter.ts';
import { type ScoreHistogram, scoreHistogram } from './score-histogram.ts';

/**
 * A verification evaluation in the FVC manner: enrol every image of the database, make the protocol's
 * genuine and impostor comparisons, and report FVC's figures with bootstrap confidence intervals.
 */
export const REPORT_SCHEMA = 'dactylo.evaluation-report/1';
export const DOCUMENTED_FMRS = [0.01, 0.001, 0.0001] as const;

export interface EvaluationOptions {
  db: string;
  protocol: ProtocolName;
  matcher: MatcherAdapter;
  seed: string;
  /** Bootstrap replicates for the CIs (0: none). */
  replicates: number;
  /** Extra FMR targets at which to report FNMR. */
  fmrTargets?: number[];
  ppi?: number;
  workers: number;
  onProgress?: (stage: 'extract' | 'compare', done: number, total: number) => void;
}

export interface NamedScore {
  a: string;
  b: string;
  score: number | null;
}

export interface EvaluationReport extends ErrorRates {
  schema: typeof REPORT_SCHEMA;
  version: string;
  seed: string;
  matcher: string;
  protocol: ProtocolName;
  database: { dir: string; fingers: number; images: number; ppi: number | null };
  counts: {
    genuine: number;
    impostor: number;
    enrolFailures: number;
    genuineFailures: number;
    impostorFailures: number;
  };
  /** Failure to enrol: images that gave no template. */
  fte: number;
  /** Failure to acquire: comparisons that could not be made (a template missing or the matcher failing). */
  fta: number;
  fnmrAtFmr: { fmr: number; fnmr: number; threshold: number | null }[];
  confidenceIntervals: {
    confidence: number;
    replicates: number;
    unit: 'finger';
    eer: Interval;
    fmr100: Interval;
    fmr1000: Interval;
    zeroFmr: Interval;
    fte: Interval;
  } | null;
  timing: { meanExtractionMs: number; meanPrepareMs: number; meanComparisonMs: number; workers: number };
  enrolFailures: { image: string; reason: string }[];
  lowestGenuine: NamedScore[];
  highestImpostor: NamedScore[];
  scores: { genuine: (number | null)[]; impostor: (number | null)[] };
  histogram: ScoreHistogram;
  det: DetCurve;
}

function imageName(db: FvcDatabase, i: number): string {
  return `${db.images[i].finger}_${db.images[i].impression}`;
}

async function enrol(db: FvcDatabase, o: EvaluationOptions): Promise<ExtractionResult[]> {
  let done = 0;
  return o.matcher.extractAll(
    db.images.map((im) => im.path),
    () => o.onProgress?.('extract', ++done, db.images.length),
  );
}

async function compareAll(
  pairs: ComparisonPair[],
  templates: ExtractionResult[],
  o: EvaluationOptions,
): Promise<{ scores: (number | null)[]; ms: number }> {
  const scores = new Array<number | null>(pairs.length).fill(null);
  const start = performance.now();
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < pairs.length) {
      const k = next++;
      const a = templates[pairs[k].a].template;
      const b = templates[pairs[k].b].template;
      scores[k] = a && b ? await o.matcher.compare(a, b, pairs[k].a, pairs[k].b) : null;
      o.onProgress?.('compare', ++done, pairs.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.workers) }, lane));
  return { scores, ms: performance.now() - start };
}

/** Sorts once; each bootstrap replicate then only re-weighs. */
function sorter(scores: (number | null)[]) {
  const values = scores.map((s) => (s === null ? Number.NEGATIVE_INFINITY : s));
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const sorted = Float64Array.from(order, (i) => values[i]);
  return (weight: (i: number) => number): WeightedScores => ({
    scores: sorted,
    weights: Float64Array.from(order, weight),
  });
}

export async function evaluate(o: EvaluationOptions): Promise<EvaluationReport> {
  const db = await readFvcDatabase(o.db);
  const pairs = protocolPairs(db, o.protocol);
  const templates = await enrol(db, o);
  const prepareStart = performance.now();
  await o.matcher.prepareAll?.(templates.map((t) => t.template));
  const prepareMs = (performance.now() - prepareStart) / Math.max(1, templates.length);
  const all = [...pairs.genuine, ...pairs.impostor];
  const { scores, ms } = await compareAll(all, templates, o);
  const genuine = scores.slice(0, pairs.genuine.length);
  const impostor = scores.slice(pairs.genuine.length);
  const fingerOf = db.images.map((im) => db.fingers.indexOf(im.finger));
  const g = sorter(genuine);
  const im = sorter(impostor);
  const rates = errorRates(
    g(() => 1),
    im(() => 1),
  );
  const points = operatingPoints(
    g(() => 1),
    im(() => 1),
  );
  const targets = [...new Set([...DOCUMENTED_FMRS, ...(o.fmrTargets ?? [])])].sort((a, b) => b - a);
  const failed = templates.map((t) => (t.template ? 0 : 1));
  const named = (list: ComparisonPair[], s: (number | null)[]) =>
    list.map((p, k) => ({ a: imageName(db, p.a), b: imageName(db, p.b), score: s[k] }));
  const rank = (s: NamedScore) => s.score ?? Number.NEGATIVE_INFINITY;
  const ci =
    o.replicates > 0
      ? bootstrapIntervals(o.seed, o.replicates, db.fingers.length, (w) => {
          const gw = g((k) => w[fingerOf[pairs.genuine[k].a]]);
          const iw = im((k) => w[fingerOf[pairs.impostor[k].a]] * w[fingerOf[pairs.impostor[k].b]]);
          let enrolled = 0;
          let refused = 0;
          db.images.forEach((_, i) => {
            enrolled += w[fingerOf[i]];
            refused += w[fingerOf[i]] * failed[i];
          });
          const fte = refused / enrolled;
          if (sum(gw.weights) === 0 || sum(iw.weights) === 0)
            return { eer: Number.NaN, fmr100: Number.NaN, fmr1000: Number.NaN, zeroFmr: Number.NaN, fte };
          const r = errorRates(gw, iw);
          return { eer: r.eer, fmr100: r.fmr100, fmr1000: r.fmr1000, zeroFmr: r.zeroFmr, fte };
        })
      : null;
  const extractionMs = templates.reduce((a, t) => a + t.ms, 0) / Math.max(1, templates.length);
  const enrolFailures = templates.flatMap((t, i) =>
    t.template ? [] : [{ image: imageName(db, i), reason: t.reason ?? 'refused' }],
  );
  const missing = all.filter((p) => !templates[p.a].template || !templates[p.b].template).length;
  const matcherFailures = scores.filter((s) => s === null).length - missing;
  return {
    schema: REPORT_SCHEMA,
    version: DACTYLO_VERSION,
    seed: o.seed,
    matcher: o.matcher.name,
    protocol: o.protocol,
    database: { dir: o.db, fingers: db.fingers.length, images: db.images.length, ppi: o.ppi ?? null },
    counts: {
      genuine: genuine.length,
      impostor: impostor.length,
      enrolFailures: enrolFailures.length,
      genuineFailures: genuine.filter((s) => s === null).length,
      impostorFailures: impostor.filter((s) => s === null).length,
    },
    ...rates,
    fte: enrolFailures.length / db.images.length,
    fta: (missing + matcherFailures) / all.length,
    fnmrAtFmr: targets.map((fmr) => {
      const p = fnmrAtFmr(points, fmr);
      return { fmr, fnmr: p.fnmr, threshold: Number.isFinite(p.threshold) ? p.threshold : null };
    }),
    confidenceIntervals: ci
      ? { confidence: CONFIDENCE, replicates: o.replicates, unit: 'finger', ...ci }
      : null,
    timing: {
      meanExtractionMs: extractionMs,
      meanPrepareMs: prepareMs,
      meanComparisonMs: ms / Math.max(1, all.length),
      workers: o.workers,
    },
    enrolFailures,
    lowestGenuine: named(pairs.genuine, genuine)
      .sort((x, y) => rank(x) - rank(y))
      .slice(0, 10),
    highestImpostor: named(pairs.impostor, impostor)
      .sort((x, y) => rank(y) - rank(x))
      .slice(0, 10),
    scores: { genuine, impostor },
    histogram: scoreHistogram(genuine, impostor),
    det: detCurve(o.matcher.name, points),
  };
}

function sum(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}
