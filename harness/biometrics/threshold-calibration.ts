import { errorRates, fnmrAtFmr, operatingPoints, sortedScores } from './error-rates.ts';
import { readFvcDatabase } from './fvc-database.ts';
import type { MatcherAdapter } from './matcher-adapter.ts';

/**
 * Decision thresholds of a matcher at chosen FMRs, measured on impostor comparisons: every pair of
 * images of different fingers across all the given FVC-layout sets (fingers of different sets are
 * different fingers), enrolled with each set's own resolution. The threshold at FMR f is the lowest
 * score t with FMR(t) ≤ f, so an FMR of 10^-4 needs well over 10^4 impostors to mean anything: the
 * report gives the count. Genuine pairs (same finger, same set) give the FNMR paid at each threshold.
 */
export interface CalibrationSet {
  dir: string;
  ppi?: number;
}

export interface Calibration {
  impostors: number;
  genuine: number;
  eer: number;
  points: { fmr: number; threshold: number; fnmr: number }[];
}

export async function calibrateThresholds(
  sets: readonly CalibrationSet[],
  matcherFor: (set: CalibrationSet) => MatcherAdapter,
  fmrs: readonly number[],
): Promise<Calibration> {
  const enrolled: { finger: string; template: Uint8Array | null; key: number }[] = [];
  const matchers: MatcherAdapter[] = [];
  for (const [s, set] of sets.entries()) {
    const db = await readFvcDatabase(set.dir);
    const matcher = matcherFor(set);
    matchers.push(matcher);
    const results = await matcher.extractAll(
      db.images.map((im) => im.path),
      () => {},
    );
    for (const [i, r] of results.entries())
      enrolled.push({ finger: `${s}:${db.images[i].finger}`, template: r.template, key: enrolled.length });
  }
  // Templates are self-contained bytes: any of the set's adapters compares them.
  const compareWith = matchers[0];
  if (!compareWith) throw new Error('calibration needs at least one set');
  const genuine: (number | null)[] = [];
  const impostor: (number | null)[] = [];
  for (let i = 0; i < enrolled.length; i++) {
    for (let j = i + 1; j < enrolled.length; j++) {
      const a = enrolled[i];
      const b = enrolled[j];
      const score =
        a.template && b.template ? await compareWith.compare(a.template, b.template, a.key, b.key) : null;
      (a.finger === b.finger ? genuine : impostor).push(score);
    }
  }
  for (const m of matchers) await m.close();
  const g = sortedScores(genuine);
  const im = sortedScores(impostor);
  const points = operatingPoints(g, im);
  return {
    impostors: impostor.length,
    genuine: genuine.length,
    eer: errorRates(g, im).eer,
    points: fmrs.map((fmr) => {
      const p = fnmrAtFmr(points, fmr);
      return { fmr, threshold: p.threshold, fnmr: p.fnmr };
    }),
  };
}
