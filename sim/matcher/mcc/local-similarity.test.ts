import { describe, expect, it } from 'vitest';
import { stream } from '../../random/index.ts';
import { packBitCylinders, popcount } from './bit-cylinder.ts';
import { buildCylinders, discCellCount } from './cylinder.ts';
import { bitSimilarityMatrix, floatLocalSimilarity } from './local-similarity.ts';
import { COMPACT_CYLINDER, PAPER_CONSOLIDATION } from './mcc-parameters.ts';
import { minutiaPoints } from './minutia-points.ts';
import { genuineMate, syntheticFinger } from './synthetic-minutiae.ts';

const disc = discCellCount(COMPACT_CYLINDER);
function cylinders(seed: string, mate = false) {
  const f = syntheticFinger(stream('local-similarity', seed));
  const t = mate ? genuineMate(stream('mate', seed), f, { drop: 0, add: 0 }) : f;
  const points = minutiaPoints(t);
  const set = buildCylinders(points, COMPACT_CYLINDER);
  return { points, set, bits: packBitCylinders(set, points, disc) };
}

describe('local similarity', () => {
  const a = cylinders('a');
  const mate = cylinders('a', true);
  const other = cylinders('b');

  it('is 1 for a cylinder against itself, bit and float alike', () => {
    const gamma = new Float32Array(a.bits.count * a.bits.count);
    bitSimilarityMatrix(a.bits, a.bits, disc, PAPER_CONSOLIDATION, gamma);
    for (let i = 0; i < a.bits.count; i++)
      if (a.bits.bitCount[i] > 0) expect(gamma[i * a.bits.count + i]).toBe(1);
    const angle = a.points.angle[a.set.minutia[0]];
    expect(floatLocalSimilarity(a.set, 0, angle, a.set, 0, angle, disc, PAPER_CONSOLIDATION)).toBeCloseTo(
      1,
      12,
    );
  });

  it('is 0 when the centre directions differ by more than δθ', () => {
    const angle = a.points.angle[a.set.minutia[0]];
    const turned = angle + Math.PI * 0.6;
    expect(floatLocalSimilarity(a.set, 0, angle, a.set, 0, turned, disc, PAPER_CONSOLIDATION)).toBe(0);
  });

  it('rates corresponding cylinders of a mate far above those of another finger', () => {
    const mean = (x: typeof a, y: typeof a, corresponding: boolean) => {
      const gamma = new Float32Array(x.bits.count * y.bits.count);
      bitSimilarityMatrix(x.bits, y.bits, disc, PAPER_CONSOLIDATION, gamma);
      let sum = 0;
      let n = 0;
      for (let i = 0; i < x.bits.count; i++) {
        const j = corresponding ? y.bits.minutia.indexOf(x.bits.minutia[i]) : i % y.bits.count;
        if (j < 0) continue;
        sum += gamma[i * y.bits.count + j];
        n++;
      }
      return sum / n;
    };
    expect(mean(a, mate, true)).toBeGreaterThan(0.6);
    expect(mean(a, other, false)).toBeLessThan(0.3);
  });

  it('computes every masking case (both, one or neither cylinder complete) as the plain definition does', () => {
    const f = syntheticFinger(stream('local-similarity', 'partial'), { count: 30 });
    const half = genuineMate(stream('local-similarity', 'half'), f, { shiftX: 120, crop: true });
    const x = packBitCylinders(buildCylinders(minutiaPoints(f), COMPACT_CYLINDER), minutiaPoints(f), disc);
    const y = packBitCylinders(
      buildCylinders(minutiaPoints(half), COMPACT_CYLINDER),
      minutiaPoints(half),
      disc,
    );
    const kinds = new Set<string>();
    const gamma = new Float32Array(x.count * y.count);
    bitSimilarityMatrix(x, y, disc, PAPER_CONSOLIDATION, gamma);
    for (let i = 0; i < x.count; i++) {
      for (let j = 0; j < y.count; j++) {
        kinds.add(`${x.complete[i]}${y.complete[j]}`);
        let common = 0;
        let na = 0;
        let nb = 0;
        let diff = 0;
        const words = x.words;
        for (let w = 0; w < words; w++) {
          const m = x.mask[i * words + w] & y.mask[j * words + w];
          const wa = x.bits[i * words + w] & m;
          const wb = y.bits[j * words + w] & m;
          common += popcount(m);
          na += popcount(wa);
          nb += popcount(wb);
          diff += popcount(wa ^ wb);
        }
        const turn = Math.abs(((x.angle[i] - y.angle[j] + 3 * Math.PI) % (2 * Math.PI)) - Math.PI);
        const ok = turn <= Math.PI / 2 && common >= 0.6 * disc * 6 && na + nb > 0;
        const expected = ok ? Math.max(0, 1 - Math.sqrt(diff) / (Math.sqrt(na) + Math.sqrt(nb))) : 0;
        expect(gamma[i * y.count + j]).toBeCloseTo(expected, 6);
      }
    }
    expect([...kinds].sort()).toEqual(['00', '01', '10', '11']);
  });
});
