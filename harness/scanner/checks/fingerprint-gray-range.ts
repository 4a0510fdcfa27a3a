import { type ConformanceCheck, judged, notMeasured, round } from '../check.ts';
import { grayRange } from '../measure/gray-histogram.ts';

/**
 * Fingerprint gray range on live captures of the standard synthetic panel: the number of gray
 * levels used by at least five pixels in each acquired image; the share of images reaching each
 * of the spec's levels (Appendix F: 200 in 80 % and 128 in 99 %; PIV: 150 in 80 %). Value: the
 * share reaching the first level.
 */
export const fingerprintGrayRange: ConformanceCheck = {
  id: 'fingerprint-gray-range',
  title: 'Fingerprint gray range (live captures)',
  rationale: 'Too few gray levels leave no room for enhancement and hide faint ridges.',
  applies: () => true,
  clause: (spec) => spec.grayRangeClause,
  run(ctx) {
    const levels = ctx.spec.grayRange;
    const limit = levels.map((l) => `≥ ${l.levels} levels in ≥ ${l.share * 100} % of images`).join('; ');
    const fingers = ctx.fingers();
    if ('problem' in fingers) return notMeasured(fingers.problem, '% of images', limit);
    const images = fingers.filter((c) => c.acquired && c.image).map((c) => c.image!);
    if (images.length === 0) return notMeasured('no live capture was acquired', '% of images', limit);
    const ranges = ctx.memo('gray-ranges', () => images.map(grayRange));
    const shares = levels.map((l) => ranges.filter((r) => r >= l.levels).length / ranges.length);
    const pass = levels.every((l, i) => shares[i] >= l.share);
    const sorted = [...ranges].sort((a, b) => a - b);
    return judged(
      pass,
      round(shares[0] * 100, 1),
      '% of images',
      limit,
      levels.map((l, i) => `${(shares[i] * 100).toFixed(1)} % reach ${l.levels}`).join(', '),
      {
        images: ranges.length,
        medianRange: sorted[Math.floor(sorted.length / 2)],
        minRange: sorted[0],
        shares: shares.map((s) => round(s, 4)),
      },
    );
  },
};
