import { type ConformanceCheck, judged, notMeasured, round } from '../check.ts';
import { fingerQuality } from '../measure/finger-quality.ts';
import { POLICY } from '../spec-limits.ts';

/**
 * dactylo finger quality (DFQ, measure/finger-quality.ts) over the standard synthetic panel: the
 * share of acquired captures scoring at least the policy's minimum. Value: that share.
 */
export const fingerQualityCheck: ConformanceCheck = {
  id: 'quality-dfq',
  title: 'Finger image quality on the standard panel (DFQ, NFIQ 2-like)',
  rationale: 'A device can meet every target-based clause and still deliver prints an extractor cannot use.',
  applies: () => true,
  clause: () => `${POLICY.clause}; features after NFIQ 2 / ISO/IEC 29794-4 (OCL, FDA, LCS, foreground area)`,
  run(ctx) {
    const q = POLICY.quality;
    const limit = `DFQ ≥ ${q.minScore} in ≥ ${q.share * 100} % of acquired panel captures`;
    const fingers = ctx.fingers();
    if ('problem' in fingers) return notMeasured(fingers.problem, '% of images', limit);
    const scores = qualityScores(ctx);
    if (scores.length === 0) return notMeasured('no live capture was acquired', '% of images', limit);
    const share = scores.filter((s) => s >= q.minScore).length / scores.length;
    const sorted = [...scores].sort((a, b) => a - b);
    return judged(
      share >= q.share,
      round(share * 100, 1),
      '% of images',
      limit,
      `only ${(share * 100).toFixed(1)} % of captures reach DFQ ${q.minScore}`,
      {
        images: scores.length,
        median: sorted[Math.floor(sorted.length / 2)],
        p10: sorted[Math.floor(sorted.length * 0.1)],
        scores,
      },
    );
  },
};

export function qualityScores(ctx: Parameters<ConformanceCheck['run']>[0]): number[] {
  return ctx.memo('dfq', () => {
    const fingers = ctx.fingers();
    if ('problem' in fingers) return [];
    return fingers.filter((c) => c.acquired && c.image).map((c) => fingerQuality(c.image!).score);
  });
}
