import { type ConformanceCheck, judged, notMeasured } from '../check.ts';
import { histogramBreaks, stuckLines } from '../measure/gray-histogram.ts';

/** Unused levels tolerated inside an image's central 98 % of grays (sparse histograms of small images). */
const MAX_BREAKS = 2;

/**
 * Artefacts on live captures: histogram breaks (unused gray levels inside the used range — lost
 * converter bits, a stretched gray scale) and stuck lines (a whole row or column at one gray).
 * Value: the number of images showing either.
 */
export const fingerprintArtefacts: ConformanceCheck = {
  id: 'fingerprint-artefacts',
  title: 'Fingerprint image artefacts (histogram breaks, stuck lines)',
  rationale: 'Missing gray levels and constant lines are device artefacts, not skin.',
  applies: () => true,
  clause: (spec) => spec.artefactsClause,
  run(ctx) {
    const limit = `no image with more than ${MAX_BREAKS} histogram breaks or any stuck row/column`;
    const fingers = ctx.fingers();
    if ('problem' in fingers) return notMeasured(fingers.problem, 'images', limit);
    const images = fingers.filter((c) => c.acquired && c.image).map((c) => c.image!);
    if (images.length === 0) return notMeasured('no live capture was acquired', 'images', limit);
    let withBreaks = 0;
    let withStuck = 0;
    let bad = 0;
    for (const img of images) {
      const breaks = histogramBreaks(img) > MAX_BREAKS;
      const stuck = stuckLines(img) > 0;
      if (breaks) withBreaks++;
      if (stuck) withStuck++;
      if (breaks || stuck) bad++;
    }
    return judged(
      bad === 0,
      bad,
      'images',
      limit,
      `${withBreaks} images with histogram breaks, ${withStuck} with stuck lines`,
      {
        images: images.length,
        withBreaks,
        withStuck,
      },
    );
  },
};
