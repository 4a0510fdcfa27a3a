import { type ConformanceCheck, judged, needTargets, notMeasured, round } from '../check.ts';
import { acrossBarCases } from '../measure/bar-geometry.ts';

/**
 * Across-bar geometric accuracy: for every pair of same-polarity edges of the 1 cy/mm Ronchi
 * ruling in every 8-pixel strip, |Y − X| (measured at the nominal resolution against the true
 * distance) within the spec's allowance; the share of such cases within, in each direction, must
 * reach the spec's share (99 %). Value: the smaller share of the two directions.
 */
export const geometricAccuracyAcross: ConformanceCheck = {
  id: 'geometric-accuracy-across',
  title: 'Geometric accuracy across bars',
  rationale: 'Local scale errors (distortion, wrong magnification) move minutiae relative to each other.',
  applies: () => true,
  clause: (spec) => spec.acrossBar.clause,
  run(ctx) {
    const a = ctx.spec.acrossBar;
    const shortD = a.shortD(ctx.ppi);
    const factor = a.longFactor(ctx.ppi);
    const limit = `D ≤ ${shortD} in (X ≤ ${a.shortInch} in), D ≤ ${factor}·X (to 1.5 in), in ≥ ${a.share * 100} % of cases per direction`;
    const t = needTargets(ctx, ['ronchi-x', 'ronchi-y']);
    if ('problem' in t) return notMeasured(t.problem, '% of cases', limit);
    const mask = ctx.defectMask();
    const shares: number[] = [];
    let worst = 0;
    let cases = 0;
    for (const [i, axis] of (['x', 'y'] as const).entries()) {
      const c = acrossBarCases(t.images[i], axis, mask, ctx.ppi);
      if (c.length === 0) return notMeasured(`no bar edges found in ronchi-${axis}`, '% of cases', limit);
      const ok = c.filter((k) => k.dInch <= (k.xInch <= a.shortInch ? shortD : factor * k.xInch)).length;
      shares.push(ok / c.length);
      // A loop, not Math.max(...cases): a slap platen yields more cases than the call stack takes.
      for (const k of c) worst = Math.max(worst, k.dInch);
      cases += c.length;
    }
    const share = Math.min(...shares);
    return judged(
      share >= a.share,
      round(share * 100, 2),
      '% of cases',
      limit,
      `only ${(share * 100).toFixed(1)} % of across-bar cases within the allowance`,
      {
        shareX: round(shares[0], 4),
        shareY: round(shares[1], 4),
        worstDInch: round(worst, 5),
        cases,
      },
    );
  },
};
