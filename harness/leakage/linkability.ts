import type { Evidence } from '../requirements/evidence.ts';
import type { LeakageAttack } from './attack.ts';

export const CROSS_DATABASE_LINKABILITY: LeakageAttack = {
  id: 'leakage/cross-database-linkability',
  requirement: 'DEP-LNK-01',
  title: 'Global linkability D↔sys between two deployments',
};

export interface Linkability {
  /** Global linkability in [0, 1]: 0 unlinkable, 1 fully linkable. */
  dSys: number;
  bins: number;
  mated: number;
  nonMated: number;
  /** Local D↔(s) per bin, for a plot. */
  local: { from: number; to: number; d: number }[];
}

/**
 * The unlinkability metric of Gomez-Barrero et al., "General framework to evaluate unlinkability in
 * biometric template protection systems", IEEE TIFS 13(6), 2018: scores of mated and non-mated
 * cross-database comparisons are binned; in each bin the likelihood ratio LR = p(s|mated)/p(s|non-mated)
 * with the prior ratio ω gives the local D↔(s) = 2·ωLR/(1+ωLR) − 1 (0 where ωLR ≤ 1), and D↔sys is
 * its expectation over the mated scores.
 */
export function globalLinkability(
  mated: readonly number[],
  nonMated: readonly number[],
  options: { bins?: number; omega?: number } = {},
): Linkability {
  const bins = options.bins ?? 100;
  const omega = options.omega ?? 1;
  if (mated.length === 0 || nonMated.length === 0)
    throw new RangeError('D↔sys needs mated and non-mated scores');
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of [...mated, ...nonMated]) {
    if (!Number.isFinite(s)) throw new RangeError(`score ${s} is not a finite number`);
    lo = Math.min(lo, s);
    hi = Math.max(hi, s);
  }
  const width = hi > lo ? (hi - lo) / bins : 1;
  const histogram = (scores: readonly number[]) => {
    // Counted, then divided once: summing 1/n n times is not exactly 1, and LR = 1 must stay 1.
    const h = new Array<number>(bins).fill(0);
    for (const s of scores) h[Math.min(bins - 1, Math.floor((s - lo) / width))] += 1;
    return h.map((c) => c / scores.length);
  };
  const pm = histogram(mated);
  const pn = histogram(nonMated);
  let dSys = 0;
  const local = pm.map((m, i) => {
    const lr = pn[i] > 0 ? m / pn[i] : m > 0 ? Number.POSITIVE_INFINITY : 0;
    const olr = omega * lr;
    const d = olr > 1 ? (Number.isFinite(olr) ? (2 * olr) / (1 + olr) - 1 : 1) : 0;
    dSys += m * d;
    return { from: lo + i * width, to: lo + (i + 1) * width, d };
  });
  return { dSys, bins, mated: mated.length, nonMated: nonMated.length, local };
}

export function linkabilityEvidence(l: Linkability): Evidence {
  return {
    test: CROSS_DATABASE_LINKABILITY.id,
    outcome: 'measured',
    summary: `D↔sys = ${l.dSys.toFixed(3)} from ${l.mated} mated and ${l.nonMated} non-mated cross-deployment comparisons`,
    measurements: { dSys: { value: l.dSys } },
    details: { bins: l.bins },
  };
}
