import { type ConformanceCheck, judged, needTargets, notMeasured, round } from '../check.ts';
import { alongBarCases } from '../measure/bar-geometry.ts';

/**
 * Along-bar geometric accuracy: each bar edge of the Ronchi ruling followed along its length
 * (8-pixel strips, up to 1.5 in); its lateral spread must stay under the spec's limit in the
 * spec's share of bars, in each direction. Value: the smaller share of the two directions.
 */
export const geometricAccuracyAlong: ConformanceCheck = {
  id: 'geometric-accuracy-along',
  title: 'Geometric accuracy along bars',
  rationale: 'Keystone, barrel or scan-speed errors bend straight lines, bending ridges with them.',
  applies: (spec) => spec.alongBar !== null,
  clause: (spec) => spec.alongBar?.clause ?? '',
  run(ctx) {
    const a = ctx.spec.alongBar;
    if (!a) return notMeasured('the spec has no along-bar requirement', 'in', '');
    const limit = `bar position spread < ${a.maxInch} in for ≥ ${a.share * 100} % of bars per direction`;
    const t = needTargets(ctx, ['ronchi-x', 'ronchi-y']);
    if ('problem' in t) return notMeasured(t.problem, '% of bars', limit);
    const mask = ctx.defectMask();
    const shares: number[] = [];
    let worst = 0;
    for (const [i, axis] of (['x', 'y'] as const).entries()) {
      const spreads = alongBarCases(t.images[i], axis, mask, ctx.ppi);
      if (spreads.length === 0)
        return notMeasured(`no bar could be followed along ronchi-${axis}`, '% of bars', limit);
      shares.push(spreads.filter((s) => s < a.maxInch).length / spreads.length);
      for (const v of spreads) worst = Math.max(worst, v);
    }
    const share = Math.min(...shares);
    return judged(
      share >= a.share,
      round(share * 100, 2),
      '% of bars',
      limit,
      `worst bar spreads ${worst.toFixed(4)} in`,
      {
        shareX: round(shares[0], 4),
        shareY: round(shares[1], 4),
        worstSpreadInch: round(worst, 5),
      },
    );
  },
};
