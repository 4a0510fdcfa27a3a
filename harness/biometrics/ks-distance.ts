/**
 * Two-sample Kolmogorov–Smirnov statistic D = sup |F1(x) − F2(x)| and its asymptotic p-value
 * (Kolmogorov distribution with Stephens' small-sample correction, as in Numerical Recipes §14.3):
 * how far apart two distributions are, e.g. synthetic against real minutiae counts or scores.
 */
export interface KsResult {
  d: number;
  pValue: number;
  n1: number;
  n2: number;
}

export function ksStatistic(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) throw new RangeError('KS distance needs two non-empty samples');
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/** Q_KS(λ) = 2 Σ (−1)^(k−1) e^(−2k²λ²), the probability that D exceeds λ/√n under the null. */
export function kolmogorovQ(lambda: number): number {
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, sum));
}

export function ksTest(a: readonly number[], b: readonly number[]): KsResult {
  const d = ksStatistic(a, b);
  const ne = Math.sqrt((a.length * b.length) / (a.length + b.length));
  return { d, pValue: kolmogorovQ((ne + 0.12 + 0.11 / ne) * d), n1: a.length, n2: b.length };
}
