import type { Random } from '../random/index.ts';
import type { ScannerProfile } from './scanner-profile-types.ts';
import type { AttackSpecies, PadResult } from './types.ts';

/** Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 on erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** A rate of 0 or 1 as a finite separation: ±8 σ is beyond any test's reach. */
function quantileClamped(p: number): number {
  return p <= 1e-15 ? -8 : p >= 1 - 1e-15 ? 8 : normalQuantile(p);
}

/**
 * The PAD subsystem as a binormal detector (signal-detection theory): the liveness evidence of a
 * presentation is normal with unit variance, its mean set per presentation type so that thresholding
 * at 0 gives exactly the profile's BPCER on bona fide presentations and APCER on each attack species.
 * The score reported is Φ(evidence), in [0, 1], decision threshold 0.5.
 */
export function padDecision(
  profile: ScannerProfile,
  presented: AttackSpecies | 'bona-fide',
  random: Random,
): PadResult {
  const mean =
    presented === 'bona-fide'
      ? quantileClamped(1 - profile.pad.bpcer)
      : quantileClamped(profile.pad.apcer[presented]);
  const evidence = mean + random.normal();
  const score = normalCdf(evidence);
  return { score, decision: evidence >= 0 ? 'bona-fide' : 'attack' };
}
