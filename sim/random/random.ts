import { Xoshiro128 } from './xoshiro128.ts';

const TWO_POW_32 = 4294967296;

/** Uniform, normal and discrete draws over one xoshiro128** stream. */
export class Random {
  private readonly gen: Xoshiro128;
  private spareNormal = Number.NaN;

  private constructor(gen: Xoshiro128) {
    this.gen = gen;
  }

  static fromState(state: readonly [number, number, number, number]): Random {
    return new Random(new Xoshiro128(state));
  }

  uint32(): number {
    return this.gen.nextUint32();
  }

  /** Uniform in [0, 1) with 53 bits, so that rare events (1e-9) are still resolved. */
  float(): number {
    const hi = this.gen.nextUint32() >>> 5;
    const lo = this.gen.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** Unbiased integer in [0, n) for 1 <= n <= 2^32 (Lemire's nearly-divisionless method). */
  int(n: number): number {
    if (!(n >= 1 && n <= TWO_POW_32) || !Number.isInteger(n))
      throw new RangeError(`int(n) needs 1 <= n <= 2^32, got ${n}`);
    if (n === TWO_POW_32) return this.gen.nextUint32();
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = this.gen.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** Integer in [min, max], both inclusive. */
  intBetween(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  bernoulli(p: number): boolean {
    return this.float() < p;
  }

  /** Standard normal by the Marsaglia polar method (exact, no table, deterministic). */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = Number.NaN;
      return mean + sd * z;
    }
    for (;;) {
      const u = 2 * this.float() - 1;
      const v = 2 * this.float() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spareNormal = v * f;
        return mean + sd * u * f;
      }
    }
  }

  /** Normal truncated to [min, max] by rejection; the bounds must hold real mass. */
  truncatedNormal(mean: number, sd: number, min: number, max: number): number {
    for (let i = 0; i < 1000; i++) {
      const x = this.normal(mean, sd);
      if (x >= min && x <= max) return x;
    }
    return Math.min(max, Math.max(min, mean));
  }

  /**
   * Poisson count: inversion of the CDF for small means (one uniform draw), the normal
   * approximation above 60, where it is accurate to well under one count.
   */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean > 60) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    let k = 0;
    let p = Math.exp(-mean);
    let cdf = p;
    const u = this.float();
    while (u > cdf) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty list');
    return items[this.int(items.length)];
  }

  /** Index drawn with probability proportional to weights[i]. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new RangeError('weightedIndex() needs a positive total weight');
    let x = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }
}
