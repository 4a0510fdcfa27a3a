/**
 * The highest arrival rate at which a profile still meets its objectives: rates grow by doubling
 * from the profile's own until a step misses (or shrink by halving until one meets), then the gap
 * between the last good and the first bad rate is bisected until it is within `tolerance`. Each
 * step is a short open-model run; steps are independent, so the curve also shows where it breaks.
 */

export interface CapacityStep {
  rateScale: number;
  offeredRate: number;
  throughput: number;
  p99Ms: number;
  errorRate: number;
  met: boolean;
}

export interface CapacityOptions {
  /** Relative width of the final bracket: stop when bad/good ≤ 1 + tolerance. */
  tolerance?: number;
  maxSteps?: number;
  /** Scales below this are not tried: the target fails even a trickle. */
  minScale?: number;
}

export interface CapacityResult {
  /** Offered rate (requests/s) of the best step that met the objectives, or null if none did. */
  rate: number | null;
  rateScale: number | null;
  /** Every step in the order run, then sorted by rate for plotting. */
  steps: CapacityStep[];
  /** Whether the bracket closed within the step budget. */
  converged: boolean;
}

export async function searchCapacity(
  measure: (rateScale: number) => Promise<CapacityStep>,
  o: CapacityOptions = {},
): Promise<CapacityResult> {
  const tolerance = o.tolerance ?? 0.1;
  const maxSteps = o.maxSteps ?? 12;
  const minScale = o.minScale ?? 1 / 64;
  const steps: CapacityStep[] = [];
  let good: CapacityStep | null = null;
  let bad: CapacityStep | null = null;
  const step = async (scale: number) => {
    const s = await measure(scale);
    steps.push(s);
    if (s.met && (!good || s.rateScale > good.rateScale)) good = s;
    if (!s.met && (!bad || s.rateScale < bad.rateScale)) bad = s;
    return s;
  };
  let scale = 1;
  const first = await step(scale);
  // Exponential phase: find a bracket [good, bad].
  while (steps.length < maxSteps) {
    if (first.met && !bad) scale *= 2;
    else if (!first.met && !good) {
      scale /= 2;
      if (scale < minScale) break;
    } else break;
    await step(scale);
  }
  // Bisection phase (geometric mean: rates span orders of magnitude).
  const g = () => good as CapacityStep | null;
  const b = () => bad as CapacityStep | null;
  while (steps.length < maxSteps) {
    const lo = g();
    const hi = b();
    if (!lo || !hi || hi.rateScale / lo.rateScale <= 1 + tolerance) break;
    await step(Math.sqrt(lo.rateScale * hi.rateScale));
  }
  const lo = g();
  const hi = b();
  return {
    rate: lo ? lo.offeredRate : null,
    rateScale: lo ? lo.rateScale : null,
    steps,
    converged: Boolean(lo && hi && hi.rateScale / lo.rateScale <= 1 + tolerance),
  };
}
