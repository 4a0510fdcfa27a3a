import { describe, expect, it } from 'vitest';
import { stream } from '../../random/index.ts';
import { packBitCylinders, popcount, wordsPerCylinder } from './bit-cylinder.ts';
import { buildCylinders, discCellCount, discCellIndex } from './cylinder.ts';
import { COMPACT_CYLINDER, PAPER_CYLINDER } from './mcc-parameters.ts';
import { minutiaPoints } from './minutia-points.ts';
import { syntheticFinger } from './synthetic-minutiae.ts';

describe('popcount', () => {
  it('counts bits of any 32-bit word', () => {
    expect(popcount(0)).toBe(0);
    expect(popcount(0xffffffff)).toBe(32);
    expect(popcount(0x80000001)).toBe(2);
    expect(popcount(0x0f0f0f0f)).toBe(16);
    expect(popcount(-1)).toBe(32);
  });
});

describe('bit cylinders', () => {
  const points = minutiaPoints(syntheticFinger(stream('bit-cylinder-test')));
  const set = buildCylinders(points, COMPACT_CYLINDER);
  const disc = discCellCount(COMPACT_CYLINDER);
  const bits = packBitCylinders(set, points, disc);

  it('pack only the disc, in whole 128-bit blocks: NS=8 in 12 words (52 cells), NS=16 in 40 (208 cells)', () => {
    expect(discCellCount(COMPACT_CYLINDER)).toBe(52);
    expect(wordsPerCylinder(COMPACT_CYLINDER)).toBe(12);
    expect(discCellCount(PAPER_CYLINDER)).toBe(208);
    expect(wordsPerCylinder(PAPER_CYLINDER)).toBe(40);
  });

  it('set a bit exactly where the raw contribution reaches μΨ in a valid cell', () => {
    const cells = 8 * 8 * 6;
    const index = discCellIndex(COMPACT_CYLINDER);
    for (let c = 0; c < bits.count; c++) {
      let expected = 0;
      let valid = 0;
      for (let cell = 0; cell < cells; cell++) {
        const on = set.valid[c * 64 + Math.floor(cell / 6)] === 1;
        const d = index[Math.floor(cell / 6)];
        expect(on ? d >= 0 : true).toBe(true);
        const packed = d * 6 + (cell % 6);
        const bit = d < 0 ? 0 : (bits.bits[c * bits.words + (packed >>> 5)] >>> (packed & 31)) & 1;
        expect(bit).toBe(on && set.contribution[c * cells + cell] >= COMPACT_CYLINDER.muPsi ? 1 : 0);
        expected += bit;
        valid += on ? 1 : 0;
      }
      expect(bits.bitCount[c]).toBe(expected);
      expect(bits.maskCount[c]).toBe(valid);
      expect(bits.complete[c]).toBe(valid === disc * 6 ? 1 : 0);
      let spatial = 0;
      for (let w = 0; w < bits.spatialWords; w++)
        spatial += popcount(bits.spatial[c * bits.spatialWords + w]);
      expect(spatial * 6).toBe(valid);
    }
  });

  it('keeps the centre minutia position and direction of each cylinder', () => {
    for (let c = 0; c < bits.count; c++) {
      expect(bits.x[c]).toBe(points.x[bits.minutia[c]]);
      expect(bits.angle[c]).toBe(points.angle[bits.minutia[c]]);
    }
  });
});
