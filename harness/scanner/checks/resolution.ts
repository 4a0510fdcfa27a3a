import { type ConformanceCheck, judged, needTargets, notMeasured, round } from '../check.ts';
import { measuredPpi } from '../measure/bar-geometry.ts';

/**
 * Resolution across (x) and along (y): the true sampling pitch from the 1 cy/mm Ronchi ruling over
 * the whole field, against the nominal resolution the device records. Value: the larger relative
 * error of the two directions.
 */
export const resolution: ConformanceCheck = {
  id: 'resolution',
  title: 'Resolution (across and along)',
  rationale: 'A device that records 500 ppi but samples otherwise scales every minutia distance.',
  applies: () => true,
  clause: (spec) => spec.resolutionClause,
  run(ctx) {
    const limit = `|ppi − ${ctx.ppi}| ≤ ${ctx.spec.resolutionTolerance * 100} % in x and y`;
    const t = needTargets(ctx, ['ronchi-x', 'ronchi-y']);
    if ('problem' in t) return notMeasured(t.problem, '%', limit);
    const mask = ctx.defectMask();
    const ppiX = ctx.memo('ppi-x', () => measuredPpi(t.images[0], 'x', mask, ctx.ppi));
    const ppiY = ctx.memo('ppi-y', () => measuredPpi(t.images[1], 'y', mask, ctx.ppi));
    if (!Number.isFinite(ppiX) || !Number.isFinite(ppiY))
      return notMeasured(
        'no Ronchi bar edges found in ronchi-x/ronchi-y (is the target on the platen?)',
        '%',
        limit,
      );
    const err = Math.max(Math.abs(ppiX - ctx.ppi), Math.abs(ppiY - ctx.ppi)) / ctx.ppi;
    return judged(
      err <= ctx.spec.resolutionTolerance,
      round(err * 100, 3),
      '%',
      limit,
      `measured ${ppiX.toFixed(1)} × ${ppiY.toFixed(1)} ppi`,
      {
        ppiX: round(ppiX, 2),
        ppiY: round(ppiY, 2),
      },
    );
  },
};
