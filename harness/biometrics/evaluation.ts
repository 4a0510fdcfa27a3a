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
import { type ComparisonPair, type ProtocolName, type ProtocolPairs, protocolPairs } from './fvc-protocol.ts';
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

/** What a run has gathered once every image is enrolled and every comparison made. */
interface Run {
  db: FvcDatabase;
  pairs: ProtocolPairs;
  templates: ExtractionResult[];
  genuine: (number | null)[];
  impostor: (number | null)[];
  prepareMs: number;
  compareMs: number;
}

async function prepareAll(templates: ExtractionResult[], o: EvaluationOptions): Promise<number> {
  const start = performance.now();
  await o.matcher.prepareAll?.(templates.map((t) => t.template));
  return (performance.now() - start) / Math.max(1, templates.length);
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
  return { scores, ms: (performance.now() - start) / Math.max(1, pairs.length) };
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

const unweighted = () => 1;

/** 95 % CIs of EER, FMR100, FMR1000, ZeroFMR and FTE by bootstrap over fingers. */
function fingerIntervals(run: Run, o: EvaluationOptions) {
  const { db, pairs } = run;
  const fingerOf = db.images.map((im) => db.fingers.indexOf(im.finger));
  const failed = run.templates.map((t) => (t.template ? 0 : 1));
  const g = sorter(run.genuine);
  const im = sorter(run.impostor);
  return bootstrapIntervals(o.seed, o.replicates, db.fingers.length, (w) => {
    const gw = g((k) => w[fingerOf[pairs.genuine[k].a]]);
    const iw = im((k) => w[fingerOf[pairs.impostor[k].a]] * w[fingerOf[pairs.impostor[k].b]]);
    let enrolled = 0;
    let refused = 0;
    for (let i = 0; i < db.images.length; i++) {
      enrolled += w[fingerOf[i]];
      refused += w[fingerOf[i]] * failed[i];
    }
    const fte = refused / enrolled;
    if (sum(gw.weights) === 0 || sum(iw.weights) === 0)
      return { eer: Number.NaN, fmr100: Number.NaN, fmr1000: Number.NaN, zeroFmr: Number.NaN, fte };
    const r = errorRates(gw, iw);
    return { eer: r.eer, fmr100: r.fmr100, fmr1000: r.fmr1000, zeroFmr: r.zeroFmr, fte };
  });
}

/** The ten lowest genuine and highest impostor pairs by name: where to look when the EER is high. */
function extremes(run: Run) {
  const named = (list: ComparisonPair[], s: (number | null)[]): NamedScore[] =>
    list.map((p, k) => ({ a: imageName(run.db, p.a), b: imageName(run.db, p.b), score: s[k] }));
  const rank = (s: NamedScore) => s.score ?? Number.NEGATIVE_INFINITY;
  return {
    lowestGenuine: named(run.pairs.genuine, run.genuine)
      .sort((x, y) => rank(x) - rank(y))
      .slice(0, 10),
    highestImpostor: named(run.pairs.impostor, run.impostor)
      .sort((x, y) => rank(y) - rank(x))
      .slice(0, 10),
  };
}

function failures(run: Run) {
  const enrolFailures = run.templates.flatMap((t, i) =>
    t.template ? [] : [{ image: imageName(run.db, i), reason: t.reason ?? 'refused' }],
  );
  // Every null score is a comparison not made: a template missing, or the matcher failing.
  const notMade = [...run.genuine, ...run.impostor].filter((s) => s === null).length;
  return {
    enrolFailures,
    fte: enrolFailures.length / run.db.images.length,
    fta: notMade / (run.genuine.length + run.impostor.length),
  };
}

function buildReport(run: Run, o: EvaluationOptions): EvaluationReport {
  const points = operatingPoints(sorter(run.genuine)(unweighted), sorter(run.impostor)(unweighted));
  const targets = [...new Set([...DOCUMENTED_FMRS, ...(o.fmrTargets ?? [])])].sort((a, b) => b - a);
  const ci = o.replicates > 0 ? fingerIntervals(run, o) : null;
  const f = failures(run);
  return {
    schema: REPORT_SCHEMA,
    version: DACTYLO_VERSION,
    seed: o.seed,
    matcher: o.matcher.name,
    protocol: o.protocol,
    database: { dir: o.db, fingers: run.db.fingers.length, images: run.db.images.length, ppi: o.ppi ?? null },
    counts: {
      genuine: run.genuine.length,
      impostor: run.impostor.length,
      enrolFailures: f.enrolFailures.length,
      genuineFailures: run.genuine.filter((s) => s === null).length,
      impostorFailures: run.impostor.filter((s) => s === null).length,
    },
    ...errorRates(sorter(run.genuine)(unweighted), sorter(run.impostor)(unweighted)),
    fte: f.fte,
    fta: f.fta,
    fnmrAtFmr: targets.map((fmr) => {
      const p = fnmrAtFmr(points, fmr);
      return { fmr, fnmr: p.fnmr, threshold: Number.isFinite(p.threshold) ? p.threshold : null };
    }),
    confidenceIntervals: ci
      ? { confidence: CONFIDENCE, replicates: o.replicates, unit: 'finger', ...ci }
      : null,
    timing: {
      meanExtractionMs: run.templates.reduce((a, t) => a + t.ms, 0) / Math.max(1, run.templates.length),
      meanPrepareMs: run.prepareMs,
      meanComparisonMs: run.compareMs,
      workers: o.workers,
    },
    enrolFailures: f.enrolFailures,
    ...extremes(run),
    scores: { genuine: run.genuine, impostor: run.impostor },
    histogram: scoreHistogram(run.genuine, run.impostor),
    det: detCurve(o.matcher.name, points),
  };
}

/** The evaluation pipeline: read, pair, enrol, prepare, compare, measure. */
export async function evaluate(o: EvaluationOptions): Promise<EvaluationReport> {
  const db = await readFvcDatabase(o.db);
  const pairs = protocolPairs(db, o.protocol);
  const templates = await enrol(db, o);
  const prepareMs = await prepareAll(templates, o);
  const { scores, ms } = await compareAll([...pairs.genuine, ...pairs.impostor], templates, o);
  const genuine = scores.slice(0, pairs.genuine.length);
  const impostor = scores.slice(pairs.genuine.length);
  return buildReport({ db, pairs, templates, genuine, impostor, prepareMs, compareMs: ms }, o);
}

function sum(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}
