import { type CylinderSet, cellsPerCylinder, discCellCount, discCellIndex } from './cylinder.ts';
import type { CylinderParameters } from './mcc-parameters.ts';

/**
 * The bit-based MCC variant (Cappelli et al. 2010, Section 4.2): a cell is 1 when its raw contribution
 * reaches μΨ (Ψ_Bit instead of the sigmoid), and its validity is a second bit string. Both are packed
 * into 32-bit words so that cylinder similarity is XOR/AND and popcount. Only the disc's cells are
 * packed (bit (d·ND + k) for the d-th disc cell): the corners of the NS×NS base are never valid.
 */
export interface BitCylinders {
  readonly params: CylinderParameters;
  readonly count: number;
  /** Words per bit string: disc cells · ND bits in whole 128-bit blocks (wordsPerCylinder). */
  readonly words: number;
  /** Cell bits, cylinder-major; invalid cells are 0. */
  readonly bits: Uint32Array;
  /** Validity bits (a spatial cell's validity repeated over its ND sections). */
  readonly mask: Uint32Array;
  /**
   * Validity of the disc's spatial cells alone (bit d for the d-th disc cell), `spatialWords` words
   * a cylinder: popcount(maskA & maskB) = ND · popcount(spatialA & spatialB), so the common area of
   * two cylinders is known from a sixth of the words, before any cell bit is counted.
   */
  readonly spatial: Uint32Array;
  readonly spatialWords: number;
  /** popcount(bits) and popcount(mask) of each cylinder. */
  readonly bitCount: Uint16Array;
  readonly maskCount: Uint16Array;
  /** 1 when the mask covers the whole disc, so that masking by it changes nothing. */
  readonly complete: Uint8Array;
  /** Direction (rad) and position of each cylinder's centre minutia, and its index in the template. */
  readonly angle: Float64Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly minutia: Int32Array;
}

/** Bits set in a 32-bit word (SWAR: no lookup table, no allocation). */
export function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
}

/**
 * Words per bit string: the disc's cells × ND bits, padded with zero bits to whole 128-bit blocks so
 * that the WebAssembly kernel reads them 16 bytes a step with no tail (zero bits count nothing).
 */
export function wordsPerCylinder(p: CylinderParameters): number {
  return 4 * Math.ceil((discCellCount(p) * p.directionalCells) / 128);
}

/** Words per spatial validity string: whole 64-bit words, so that the kernel reads them as i64. */
export function spatialWordsPerCylinder(discCells: number): number {
  return 2 * Math.ceil(discCells / 64);
}

export function packBitCylinders(
  set: CylinderSet,
  centres: { x: Float64Array; y: Float64Array; angle: Float64Array },
  discCells: number,
): BitCylinders {
  const p = set.params;
  const cells = cellsPerCylinder(p);
  const nd = p.directionalCells;
  const spatial = p.spatialCells * p.spatialCells;
  const count = set.minutia.length;
  const words = wordsPerCylinder(p);
  const disc = discCellIndex(p);
  const bits = new Uint32Array(count * words);
  const mask = new Uint32Array(count * words);
  const spatialWords = spatialWordsPerCylinder(discCells);
  const spatialBits = new Uint32Array(count * spatialWords);
  const bitCount = new Uint16Array(count);
  const maskCount = new Uint16Array(count);
  const complete = new Uint8Array(count);
  for (let c = 0; c < count; c++) {
    for (let cell = 0; cell < cells; cell++) {
      const s = Math.floor(cell / nd);
      if (set.valid[c * spatial + s] === 0) continue;
      const packed = disc[s] * nd + (cell % nd);
      const word = c * words + (packed >>> 5);
      const bit = 1 << (packed & 31);
      mask[word] |= bit;
      spatialBits[c * spatialWords + (disc[s] >>> 5)] |= 1 << (disc[s] & 31);
      if (set.contribution[c * cells + cell] >= p.muPsi) bits[word] |= bit;
    }
    for (let w = 0; w < words; w++) {
      bitCount[c] += popcount(bits[c * words + w]);
      maskCount[c] += popcount(mask[c * words + w]);
    }
    complete[c] = maskCount[c] === discCells * nd ? 1 : 0;
  }
  const pick = (a: Float64Array) => Float64Array.from(set.minutia, (m) => a[m]);
  return {
    params: p,
    count,
    words,
    bits,
    mask,
    spatial: spatialBits,
    spatialWords,
    bitCount,
    maskCount,
    complete,
    angle: pick(centres.angle),
    x: pick(centres.x),
    y: pick(centres.y),
    minutia: set.minutia,
  };
}
