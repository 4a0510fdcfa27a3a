import type { GrayImage } from '../../../sim/image/gray-image.ts';
import { type ConformanceCheck, judged, needTargets, notMeasured, round } from '../check.ts';
import { adjacentLineDifferences, cellMean, quarterInchCells, shareWithin } from '../measure/flat-field.ts';

function flats(
  ctx: Parameters<ConformanceCheck['run']>[0],
): { white: GrayImage; black: GrayImage } | { problem: string } {
  const t = needTargets(ctx, ['flat-white', 'flat-black']);
  return 'problem' in t ? t : { white: t.images[0], black: t.images[1] };
}

/**
 * Adjacent row and column uniformity: the mean of every quarter-inch row (column) segment against
 * the next row's (column's); the share within the limit — 1.0 gray on the dark target, 2.0 on the
 * white — must reach 99 % on each target. Value: the smaller share.
 */
export const uniformityAdjacent: ConformanceCheck = {
  id: 'uniformity-adjacent-rows-columns',
  title: 'Gray-level uniformity: adjacent rows and columns',
  rationale: 'Banding and streaks between lines read as false ridge edges.',
  applies: () => true,
  clause: (spec) => spec.adjacent.clause,
  run(ctx) {
    const a = ctx.spec.adjacent;
    const limit = `|Δ mean| ≤ ${a.dark} (dark), ≤ ${a.white} (white) in ≥ ${a.share * 100} % of row/column pairs`;
    const f = flats(ctx);
    if ('problem' in f) return notMeasured(f.problem, '% of pairs', limit);
    const share = (img: GrayImage, lim: number) => {
      const d = adjacentLineDifferences(img, ctx.ppi);
      return d.length > 0 ? d.filter((v) => v <= lim).length / d.length : Number.NaN;
    };
    const dark = share(f.black, a.dark);
    const white = share(f.white, a.white);
    if (Number.isNaN(dark) || Number.isNaN(white))
      return notMeasured('imaged area smaller than a quarter inch', '% of pairs', limit);
    const v = Math.min(dark, white);
    return judged(
      v >= a.share,
      round(v * 100, 2),
      '% of pairs',
      limit,
      `dark ${(dark * 100).toFixed(2)} %, white ${(white * 100).toFixed(2)} % of pairs within`,
      {
        dark: round(dark, 5),
        white: round(white, 5),
      },
    );
  },
};

/**
 * Pixel-to-pixel uniformity: in every quarter-inch cell, 99.9 % of pixels within 8 gray levels of
 * the cell mean on the dark target and 22 on the white. Value: the smallest cell share.
 */
export const uniformityPixel: ConformanceCheck = {
  id: 'uniformity-pixel-to-pixel',
  title: 'Gray-level uniformity: pixel to pixel',
  rationale: 'Stuck, dead or hot pixels and heavy fixed-pattern noise put dots and lines into prints.',
  applies: () => true,
  clause: (spec) => spec.pixelToPixel.clause,
  run(ctx) {
    const p = ctx.spec.pixelToPixel;
    const limit = `≥ ${p.share * 100} % of pixels per quarter-inch cell within ${p.dark} (dark) / ${p.white} (white) of the cell mean`;
    const f = flats(ctx);
    if ('problem' in f) return notMeasured(f.problem, '% of pixels', limit);
    const cells = quarterInchCells(f.white, ctx.ppi);
    if (cells.length === 0)
      return notMeasured('the imaged area holds no quarter-inch cell', '% of pixels', limit);
    const dark = Math.min(...cells.map((c) => shareWithin(f.black, c, p.dark)));
    const white = Math.min(...cells.map((c) => shareWithin(f.white, c, p.white)));
    const v = Math.min(dark, white);
    return judged(
      v >= p.share,
      round(v * 100, 3),
      '% of pixels',
      limit,
      `worst cell: dark ${(dark * 100).toFixed(2)} %, white ${(white * 100).toFixed(2)} % within`,
      {
        dark: round(dark, 5),
        white: round(white, 5),
        cells: cells.length,
      },
    );
  },
};

/**
 * Small-area uniformity: the means of every two independent quarter-inch cells within 3 gray
 * levels on the dark target and 12 on the white. Value: the larger spread relative to its limit,
 * reported as the white spread (gray levels) with both in the details.
 */
export const uniformitySmallArea: ConformanceCheck = {
  id: 'uniformity-small-area',
  title: 'Gray-level uniformity: small areas',
  rationale: 'Uneven illumination or a local defect shifts the gray of whole finger regions.',
  applies: () => true,
  clause: (spec) => spec.smallArea.clause,
  run(ctx) {
    const s = ctx.spec.smallArea;
    const limit = `max − min of quarter-inch cell means ≤ ${s.dark} (dark), ≤ ${s.white} (white)`;
    const f = flats(ctx);
    if ('problem' in f) return notMeasured(f.problem, 'gray levels', limit);
    const cells = quarterInchCells(f.white, ctx.ppi);
    if (cells.length < 2)
      return notMeasured('the imaged area holds fewer than two quarter-inch cells', 'gray levels', limit);
    const spread = (img: GrayImage) => {
      const m = cells.map((c) => cellMean(img, c));
      return Math.max(...m) - Math.min(...m);
    };
    const dark = spread(f.black);
    const white = spread(f.white);
    const worst = Math.max(dark / s.dark, white / s.white);
    return judged(
      dark <= s.dark && white <= s.white,
      round(worst, 3),
      'ratio to limit',
      limit,
      `spread dark ${dark.toFixed(2)}, white ${white.toFixed(2)} gray levels`,
      {
        dark: round(dark, 3),
        white: round(white, 3),
        cells: cells.length,
      },
    );
  },
};
