import { describe, expect, it } from 'vitest';
import { type Random, stream } from '../../random/index.ts';
import {
  type BitCylinders,
  popcount,
  spatialWordsPerCylinder,
  wordsPerCylinder,
} from '../mcc/bit-cylinder.ts';
import { comparePrepared, comparePreparedReference, prepare } from '../mcc/comparison.ts';
import { discCellCount } from '../mcc/cylinder.ts';
import { bitSimilarityMatrix } from '../mcc/local-similarity.ts';
import {
  BIT_CYLINDER,
  COMPACT_CYLINDER,
  type CylinderParameters,
  PAPER_CONSOLIDATION,
} from '../mcc/mcc-parameters.ts';
import { genuineMate, syntheticFinger } from '../mcc/synthetic-minutiae.ts';
import { kernelSimilarityMatrix } from './similarity-kernel.ts';

/**
 * Random bit cylinders with every kind of pair the kernel tells apart: whole-disc masks, partial
 * masks (some below minME in common), empty bit strings, directions all round the circle.
 */
function randomCylinders(r: Random, p: CylinderParameters, count: number): BitCylinders {
  const disc = discCellCount(p);
  const nd = p.directionalCells;
  const words = wordsPerCylinder(p);
  const spatialWords = spatialWordsPerCylinder(disc);
  const bits = new Uint32Array(count * words);
  const mask = new Uint32Array(count * words);
  const spatial = new Uint32Array(count * spatialWords);
  const bitCount = new Uint16Array(count);
  const maskCount = new Uint16Array(count);
  const complete = new Uint8Array(count);
  const density = [0, 0.05, 0.3, 0.7];
  for (let c = 0; c < count; c++) {
    const validShare = r.float() < 0.4 ? 1 : r.uniform(0.4, 1);
    const on = density[r.int(density.length)];
    for (let d = 0; d < disc; d++) {
      if (r.float() >= validShare) continue;
      spatial[c * spatialWords + (d >>> 5)] |= 1 << (d & 31);
      for (let k = 0; k < nd; k++) {
        const b = d * nd + k;
        mask[c * words + (b >>> 5)] |= 1 << (b & 31);
        if (r.float() < on) bits[c * words + (b >>> 5)] |= 1 << (b & 31);
      }
    }
    for (let w = 0; w < words; w++) {
      bitCount[c] += popcount(bits[c * words + w]);
      maskCount[c] += popcount(mask[c * words + w]);
    }
    complete[c] = maskCount[c] === disc * nd ? 1 : 0;
  }
  const angle = Float64Array.from({ length: count }, () => r.uniform(0, 2 * Math.PI));
  return {
    params: p,
    count,
    words,
    bits,
    mask,
    spatial,
    spatialWords,
    bitCount,
    maskCount,
    complete,
    angle,
    x: new Float64Array(count),
    y: new Float64Array(count),
    minutia: Int32Array.from({ length: count }, (_, i) => i),
  };
}

describe('WebAssembly similarity kernel', () => {
  for (const [name, p] of [
    ['NS = 16', BIT_CYLINDER],
    ['NS = 8', COMPACT_CYLINDER],
  ] as const) {
    it(`computes Γ bit for bit as the JavaScript reference on random cylinders (${name})`, () => {
      const r = stream('similarity-kernel-test', name);
      const disc = discCellCount(p);
      let kinds = 0;
      for (const [nA, nB] of [
        [1, 1],
        [7, 13],
        [40, 35],
        [0, 5],
        [300, 3],
        [60, 64],
      ]) {
        const a = randomCylinders(r, p, nA);
        const b = randomCylinders(r, p, nB);
        const expected = new Float32Array(nA * nB);
        const actual = new Float32Array(nA * nB);
        const nonZero = bitSimilarityMatrix(a, b, disc, PAPER_CONSOLIDATION, expected);
        expect(kernelSimilarityMatrix(a, b, disc, PAPER_CONSOLIDATION, actual)).toBe(nonZero);
        expect(actual).toEqual(expected);
        kinds += new Set(expected).size;
      }
      expect(kinds).toBeGreaterThan(100);
    });
  }

  it('gives comparePrepared the reference scores on synthetic genuine and impostor pairs', () => {
    const fingers = Array.from({ length: 8 }, (_, i) => syntheticFinger(stream('kernel-pairs', i)));
    const mates = fingers.map((f, i) =>
      genuineMate(stream('kernel-pairs', 'mate', i), f, { rotation: 0.3, shiftX: 20, crop: i % 2 === 0 }),
    );
    for (const cylinder of [BIT_CYLINDER, COMPACT_CYLINDER]) {
      const all = [...fingers, ...mates].map((t) => prepare(t, { cylinder }));
      let positive = 0;
      for (const a of all)
        for (const b of all) {
          const s = comparePrepared(a, b);
          expect(s).toBe(comparePreparedReference(a, b));
          if (s > 0) positive++;
        }
      expect(positive).toBeGreaterThan(all.length);
    }
  });
});
