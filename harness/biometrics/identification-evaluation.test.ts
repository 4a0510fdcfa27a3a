import { describe, expect, it } from 'vitest';
import { cmcSvg, evaluateIdentification, identificationSummary } from './identification-evaluation.ts';

describe('1:N evaluation', () => {
  it('reports CMC, FNIR at rank 1 and k and FPIR per gallery size, the same on a second run', async () => {
    const options = {
      seed: 'ident-eval-test',
      gallerySizes: [12, 60],
      mated: 6,
      nonMated: 4,
      rank: 5,
      thresholds: [0, 0.03, 2],
      probes: 'template-only' as const,
      workers: 0,
    };
    const r = await evaluateIdentification(options);
    expect(r.sizes.map((s) => s.size)).toEqual([12, 60]);
    for (const s of r.sizes) {
      expect(s.cmc).toHaveLength(5);
      for (let k = 1; k < s.cmc.length; k++) expect(s.cmc[k]).toBeGreaterThanOrEqual(s.cmc[k - 1]);
      const [none, middle, impossible] = s.atThreshold;
      // Threshold 0: every search returns a candidate, so every non-mated search is a false positive.
      expect(none.fpir).toBe(1);
      expect(none.fnirRank1).toBeCloseTo(1 - s.cmc[0], 12);
      expect(none.fnirRankK).toBeCloseTo(1 - s.cmc[4], 12);
      expect(middle.fnirRankK).toBeLessThanOrEqual(middle.fnirRank1);
      // No similarity reaches 2: nothing is identified.
      expect([impossible.fnirRank1, impossible.fpir]).toEqual([1, 0]);
    }
    // Template-only mates are found at rank 1 in a gallery this small.
    expect(r.sizes[1].cmc[0]).toBeGreaterThanOrEqual(5 / 6);
    const again = await evaluateIdentification(options);
    const figures = (x: typeof r) => x.sizes.map(({ meanSearchMs, ...rest }) => rest);
    expect(figures(again)).toEqual(figures(r));
    expect(cmcSvg(r)).toMatch(/^<svg[\s\S]*polyline[\s\S]*gallery 60[\s\S]*<\/svg>$/);
    expect(identificationSummary(r)).toMatch(/gallery 60: CMC rank 1 \d+\.\d\d %, rank 5/);
  }, 60_000);

  it('refuses gallery sizes smaller than the mated set or out of order', async () => {
    const base = { seed: 's', mated: 5, nonMated: 0, rank: 1, probes: 'template-only' as const };
    await expect(evaluateIdentification({ ...base, gallerySizes: [4] })).rejects.toThrow(
      /ascending integers ≥ the 5 mated/,
    );
    await expect(evaluateIdentification({ ...base, gallerySizes: [10, 8] })).rejects.toThrow(/ascending/);
  });
});
