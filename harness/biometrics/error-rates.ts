/**
 * Verification error rates as the Fingerprint Verification Competitions define them (Maio et al.,
 * "FVC2000", IEEE TPAMI 24(3), 2002, Section 4): scores are similarities, a comparison is a match when
 * its score is ≥ the threshold t; FMR(t) is the share of impostor scores ≥ t, FNMR(t) the share of
 * genuine scores < t. A comparison that could not be made (failure to enrol or to compare) is a
 * rejection: it counts as a non-match at every threshold, so it raises FNMR and never FMR.
 */

/** Scores sorted ascending (failures as −Infinity) with a weight each (bootstrap multiplicity). */
export interface WeightedScores {
  readonly scores: Float64Array;
  readonly weights: Float64Array;
}

export interface OperatingPoint {
  threshold: number;
  fmr: number;
  fnmr: number;
}

export interface ErrorRates {
  /** Equal error rate, the middle of [eerLow, eerHigh] as FVC computes it. */
  eer: number;
  eerLow: number;
  eerHigh: number;
  /** Lowest FNMR at FMR ≤ 1 %, ≤ 0.1 %, ≤ 0.01 %, and at FMR = 0. */
  fmr100: number;
  fmr1000: number;
  fmr10000: number;
  zeroFmr: number;
  /** Lowest FMR at FNMR = 0. */
  zeroFnmr: number;
}

/** Failures become −Infinity: below every threshold, so always a non-match. */
export function sortedScores(scores: readonly (number | null)[], weights?: Float64Array): WeightedScores {
  const order = scores
    .map((s, i) => [s === null || Number.isNaN(s) ? Number.NEGATIVE_INFINITY : s, i] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    scores: Float64Array.from(order, (o) => o[0]),
    weights: Float64Array.from(order, (o) => (weights ? weights[o[1]] : 1)),
  };
}

/**
 * FMR and FNMR at every threshold where either changes (each distinct score, and +∞ where nothing
 * matches), ascending in threshold.
 */
export function operatingPoints(genuine: WeightedScores, impostor: WeightedScores): OperatingPoint[] {
  const totalG = sum(genuine.weights);
  const totalI = sum(impostor.weights);
  if (totalG <= 0 || totalI <= 0) throw new RangeError('error rates need genuine and impostor comparisons');
  const points: OperatingPoint[] = [];
  let g = 0;
  let i = 0;
  let genuineBelow = 0;
  let impostorBelow = 0;
  const G = genuine.scores;
  const I = impostor.scores;
  while (g < G.length || i < I.length) {
    const t = Math.min(
      g < G.length ? G[g] : Number.POSITIVE_INFINITY,
      i < I.length ? I[i] : Number.POSITIVE_INFINITY,
    );
    if (t > Number.NEGATIVE_INFINITY)
      points.push({ threshold: t, fmr: 1 - impostorBelow / totalI, fnmr: genuineBelow / totalG });
    while (g < G.length && G[g] === t) genuineBelow += genuine.weights[g++];
    while (i < I.length && I[i] === t) impostorBelow += impostor.weights[i++];
  }
  points.push({
    threshold: Number.POSITIVE_INFINITY,
    fmr: 1 - impostorBelow / totalI,
    fnmr: genuineBelow / totalG,
  });
  return points.map((p) => ({ ...p, fmr: clamp01(p.fmr), fnmr: clamp01(p.fnmr) }));
}

function sum(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

function clamp01(v: number): number {
  return v < 1e-15 ? 0 : Math.min(v, 1);
}

/** FVC's EER: from the last threshold where FNMR ≤ FMR and the first where FNMR ≥ FMR. */
export function equalErrorRate(points: readonly OperatingPoint[]): {
  eer: number;
  low: number;
  high: number;
} {
  let t1 = 0;
  for (let k = 0; k < points.length; k++) if (points[k].fnmr <= points[k].fmr) t1 = k;
  let t2 = points.length - 1;
  for (let k = points.length - 1; k >= 0; k--) if (points[k].fnmr >= points[k].fmr) t2 = k;
  const p1 = points[t1];
  const p2 = points[t2];
  const [low, high] = p1.fnmr + p1.fmr <= p2.fmr + p2.fnmr ? [p1.fnmr, p1.fmr] : [p2.fmr, p2.fnmr];
  return { eer: (low + high) / 2, low, high };
}

/** Lowest FNMR among thresholds with FMR ≤ target, and the lowest such threshold. */
export function fnmrAtFmr(points: readonly OperatingPoint[], target: number): OperatingPoint {
  let best: OperatingPoint | null = null;
  for (const p of points) if (p.fmr <= target + 1e-12 && (best === null || p.fnmr < best.fnmr)) best = p;
  // The last point (+∞) has FMR 0, so there is always one.
  return best as OperatingPoint;
}

export function errorRates(genuine: WeightedScores, impostor: WeightedScores): ErrorRates {
  const points = operatingPoints(genuine, impostor);
  const e = equalErrorRate(points);
  let zeroFnmr = 1;
  for (const p of points) if (p.fnmr === 0 && p.fmr < zeroFnmr) zeroFnmr = p.fmr;
  return {
    eer: e.eer,
    eerLow: e.low,
    eerHigh: e.high,
    fmr100: fnmrAtFmr(points, 0.01).fnmr,
    fmr1000: fnmrAtFmr(points, 0.001).fnmr,
    fmr10000: fnmrAtFmr(points, 0.0001).fnmr,
    zeroFmr: fnmrAtFmr(points, 0).fnmr,
    zeroFnmr,
  };
}
