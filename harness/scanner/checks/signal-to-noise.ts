import { type ConformanceCheck, judged, needTargets, notMeasured, round } from '../check.ts';
import { cellMean, cellNoise, quarterInchCells } from '../measure/flat-field.ts';

/**
 * White and black SNR: in each quarter-inch cell of the imaged area, signal = white mean − black
 * mean, noise = the standard deviation of the flat white (black) target about a fitted plane,
 * skipping pixels flagged defective (defects are the uniformity checks' business). Both SNRs must
 * reach the limit in the spec's share of cells. Value: the lowest cell SNR.
 */
export const signalToNoise: ConformanceCheck = {
  id: 'snr',
  title: 'Signal-to-noise ratio (white and black)',
  rationale: 'Noise breaks thin ridges and invents pores; extraction and examiners both suffer.',
  applies: () => true,
  clause: (spec) => spec.snr.clause,
  run(ctx) {
    const s = ctx.spec.snr;
    const limit = `white and black SNR ≥ ${s.min} in ≥ ${s.share * 100} % of quarter-inch cells`;
    const t = needTargets(ctx, ['flat-white', 'flat-black']);
    if ('problem' in t) return notMeasured(t.problem, 'SNR', limit);
    const [white, black] = t.images;
    if (white.width !== black.width || white.height !== black.height)
      return notMeasured('flat-white and flat-black captures differ in size', 'SNR', limit);
    const cells = quarterInchCells(white, ctx.ppi);
    if (cells.length === 0) return notMeasured('the imaged area holds no quarter-inch cell', 'SNR', limit);
    const mask = ctx.defectMask();
    let ok = 0;
    let lowest = Number.POSITIVE_INFINITY;
    let lowestWhite = Number.POSITIVE_INFINITY;
    let lowestBlack = Number.POSITIVE_INFINITY;
    for (const c of cells) {
      const signal = cellMean(white, c, mask) - cellMean(black, c, mask);
      const snrW = signal / cellNoise(white, c, mask);
      const snrB = signal / cellNoise(black, c, mask);
      if (snrW >= s.min && snrB >= s.min) ok++;
      lowestWhite = Math.min(lowestWhite, snrW);
      lowestBlack = Math.min(lowestBlack, snrB);
      lowest = Math.min(lowest, snrW, snrB);
    }
    const share = ok / cells.length;
    return judged(
      share >= s.share,
      round(lowest, 1),
      'SNR',
      limit,
      `${((1 - share) * 100).toFixed(1)} % of cells below ${s.min} (lowest white ${lowestWhite.toFixed(1)}, black ${lowestBlack.toFixed(1)})`,
      {
        cells: cells.length,
        share: round(share, 4),
        lowestWhite: round(lowestWhite, 1),
        lowestBlack: round(lowestBlack, 1),
      },
    );
  },
};
