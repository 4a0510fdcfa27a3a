/**
 * One-sided exact (Clopper–Pearson) confidence bounds of a binomial proportion: what an error rate
 * measured as k errors in n trials can be at most (or at least) at a given confidence. With k = 0 the
 * upper bound at 95 % is 1 − 0.05^(1/n) ≈ 3/n, the "rule of 3" of ISO/IEC 19795-1 (Annex B).
 */

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

// Lanczos approximation (g = 7, n = 9), accurate to ~1e-13 for positive arguments.
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
  12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n || p <= 0) return 1;
  if (p >= 1) return 0;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += Math.exp(logChoose(n, i) + i * lp + (n - i) * lq);
  return Math.min(1, sum);
}

function bisect(f: (p: number) => number, target: number, decreasing: boolean): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    const above = f(mid) > target;
    if (above === decreasing) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The p for which P(X ≤ k) = 1 − confidence: the true rate is below it with that confidence. */
export function upperBound(k: number, n: number, confidence: number): number {
  if (n <= 0) return 1;
  if (k >= n) return 1;
  return bisect((p) => binomialCdf(k, n, p), 1 - confidence, true);
}

/** The p for which P(X ≥ k) = 1 − confidence: the true rate is above it with that confidence. */
export function lowerBound(k: number, n: number, confidence: number): number {
  if (n <= 0 || k <= 0) return 0;
  return bisect((p) => 1 - binomialCdf(k - 1, n, p), 1 - confidence, false);
}

/** Trials needed to claim `rate` with zero errors at `confidence` (≈ 3/rate at 95 %: the rule of 3). */
export function trialsForZeroErrors(rate: number, confidence: number): number {
  return Math.ceil(Math.log(1 - confidence) / Math.log1p(-rate));
}
