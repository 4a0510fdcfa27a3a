import type { Random } from '../random/index.ts';

/**
 * A fixed discrete distribution with its cumulative sums precomputed, so that a draw costs one float
 * and a short search instead of re-summing the weights (Random.weightedIndex) on every call.
 */
export class WeightedTable {
  private readonly cdf: Float64Array;

  constructor(weights: readonly number[]) {
    let total = 0;
    for (const w of weights) {
      if (!(w >= 0)) throw new RangeError(`weights must be >= 0, got ${w}`);
      total += w;
    }
    if (!(total > 0)) throw new RangeError('weights need a positive total');
    this.cdf = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      sum += weights[i];
      this.cdf[i] = sum / total;
    }
    this.cdf[weights.length - 1] = 1;
  }

  draw(random: Random): number {
    const u = random.float();
    const cdf = this.cdf;
    let i = 0;
    while (cdf[i] <= u) i++;
    return i;
  }
}
