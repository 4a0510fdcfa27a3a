import { stream } from '../../sim/random/index.ts';

/**
 * Bootstrap over fingers (Bolle, Ratha, Pankanti, "Error analysis of pattern recognition systems — the
 * subsets bootstrap", CVIU 93, 2004): comparisons of one finger are correlated, so the resampling unit
 * is the finger, not the comparison. Each replicate draws the fingers with replacement and hands the
 * statistic each finger's multiplicity; a comparison between fingers f and g then weighs w_f·w_g (or
 * w_f for a genuine one). Draws come from stream(seed, 'bootstrap', replicate): same seed, same CIs.
 */
export interface Interval {
  low: number;
  high: number;
}

export const CONFIDENCE = 0.95;

export function fingerWeights(seed: string, replicate: number, fingers: number): Float64Array {
  const rng = stream(seed, 'bootstrap', replicate);
  const w = new Float64Array(fingers);
  for (let i = 0; i < fingers; i++) w[rng.int(fingers)]++;
  return w;
}

/** Linear-interpolated quantile of values sorted ascending. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Percentile 95 % confidence intervals of each named statistic over `replicates` resamplings of
 * `fingers` fingers. The statistic may return NaN for a degenerate replicate (say, no genuine pair
 * drawn); such replicates are left out of that statistic.
 */
export function bootstrapIntervals<K extends string>(
  seed: string,
  replicates: number,
  fingers: number,
  statistic: (weights: Float64Array) => Record<K, number>,
): Record<K, Interval> {
  const samples = new Map<K, number[]>();
  for (let r = 0; r < replicates; r++) {
    const values = statistic(fingerWeights(seed, r, fingers));
    for (const key of Object.keys(values) as K[]) {
      if (!samples.has(key)) samples.set(key, []);
      if (!Number.isNaN(values[key])) samples.get(key)?.push(values[key]);
    }
  }
  const out = {} as Record<K, Interval>;
  const tail = (1 - CONFIDENCE) / 2;
  for (const [key, values] of samples) {
    const sorted = Float64Array.from(values).sort();
    out[key] = { low: quantile(sorted, tail), high: quantile(sorted, 1 - tail) };
  }
  return out;
}
