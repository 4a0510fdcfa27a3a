/**
 * Exact (Clopper–Pearson) two-sided confidence interval of a binomial proportion k/n: the
 * interval ISO/IEC 30107-3 reporting calls for when error counts are small, never narrower than
 * the data allow (unlike the normal approximation at k = 0).
 */
export function clopperPearson(k: number, n: number, confidence = 0.95): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 1 };
  const alpha = 1 - confidence;
  const low = k === 0 ? 0 : solve((p) => upperTail(k, n, p) - alpha / 2);
  const high = k === n ? 1 : solve((p) => alpha / 2 - lowerTail(k, n, p));
  return { low, high };
}

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s;
}

function pmf(i: number, n: number, p: number): number {
  if (p <= 0) return i === 0 ? 1 : 0;
  if (p >= 1) return i === n ? 1 : 0;
  return Math.exp(logChoose(n, i) + i * Math.log(p) + (n - i) * Math.log(1 - p));
}

/** P(X ≤ k). */
function lowerTail(k: number, n: number, p: number): number {
  let s = 0;
  for (let i = 0; i <= k; i++) s += pmf(i, n, p);
  return Math.min(1, s);
}

/** P(X ≥ k). */
function upperTail(k: number, n: number, p: number): number {
  return k <= 0 ? 1 : 1 - lowerTail(k - 1, n, p);
}

/** Root of an increasing function on [0, 1] by bisection (60 steps: below 1e-15). */
function solve(f: (p: number) => number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
