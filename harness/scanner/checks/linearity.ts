import { type ConformanceCheck, judged, needTargets, notMeasured, round } from '../check.ts';
import { linearityDeviation, stepPatchGrays } from '../measure/step-patches.ts';

/**
 * Gray-scale linearity: the median gray of each of the 12 step-tablet patches, against a
 * least-squares line fitted between patch reflectance and gray; every patch within 7.65 gray
 * levels of the line. Value: the largest deviation.
 */
export const linearity: ConformanceCheck = {
  id: 'linearity',
  title: 'Gray-scale linearity',
  rationale: 'A bent transfer curve crushes ridge contrast in the darks or lights.',
  applies: () => true,
  clause: (spec) => spec.linearity.clause,
  run(ctx) {
    const l = ctx.spec.linearity;
    const limit = `every patch within ${l.max} gray levels of the least-squares line`;
    const t = needTargets(ctx, ['gray-steps']);
    if ('problem' in t) return notMeasured(t.problem, 'gray levels', limit);
    const points = stepPatchGrays(t.images[0]);
    const dev = linearityDeviation(points);
    return judged(
      dev <= l.max,
      round(dev, 2),
      'gray levels',
      limit,
      `a patch lies ${dev.toFixed(2)} gray levels off the line`,
      {
        patches: points.map((p) => ({ reflectance: p.reflectance, gray: round(p.gray, 2) })),
      },
    );
  },
};
