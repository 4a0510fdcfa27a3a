import type { BitCylinders } from './bit-cylinder.ts';
import { type CylinderSet, cellsPerCylinder } from './cylinder.ts';
import { angleDifference, type ConsolidationParameters, sigmoid } from './mcc-parameters.ts';

/**
 * Local similarity of two cylinders (Cappelli et al. 2010, eq. 8): 1 − ‖a|b − b|a‖ / (‖a|b‖ + ‖b|a‖),
 * where a|b keeps a's cells valid in both; 0 when the centre directions differ by more than δθ or
 * fewer than minME of the cells are valid in both (too little common area to judge).
 */
export function floatLocalSimilarity(
  a: CylinderSet,
  ia: number,
  angleA: number,
  b: CylinderSet,
  ib: number,
  angleB: number,
  discCells: number,
  q: ConsolidationParameters,
): number {
  if (Math.abs(angleDifference(angleA, angleB)) > q.maxDirectionDifference) return 0;
  const p = a.params;
  const cells = cellsPerCylinder(p);
  const nd = p.directionalCells;
  const spatial = p.spatialCells * p.spatialCells;
  let common = 0;
  let normA = 0;
  let normB = 0;
  let normDiff = 0;
  for (let cell = 0; cell < cells; cell++) {
    const s = Math.floor(cell / nd);
    if (a.valid[ia * spatial + s] === 0 || b.valid[ib * spatial + s] === 0) continue;
    common++;
    const va = sigmoid(a.contribution[ia * cells + cell], p.muPsi, p.tauPsi);
    const vb = sigmoid(b.contribution[ib * cells + cell], p.muPsi, p.tauPsi);
    normA += va * va;
    normB += vb * vb;
    normDiff += (va - vb) * (va - vb);
  }
  if (common < q.minMatchableCells * discCells * nd) return 0;
  const denominator = Math.sqrt(normA) + Math.sqrt(normB);
  return denominator === 0 ? 0 : 1 - Math.sqrt(normDiff) / denominator;
}

/** popcounts of one cylinder pair: common valid cells, a's and b's set cells, cells that differ. */
const counts = new Int32Array(4);

/**
 * Per-byte bit counts of a word (the first SWAR steps of popcount): these add across up to 31 words
 * without a byte overflowing, so the horizontal sum is paid once per cylinder pair, not once per word.
 */
function byteCounts(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (v + (v >>> 4)) & 0x0f0f0f0f;
}

function byteSum(v: number): number {
  return (v & 0xff) + ((v >>> 8) & 0xff) + ((v >>> 16) & 0xff) + (v >>> 24);
}

/** Words per byte-count accumulation (31 × 8 bits < 256). */
const FOLD = 31;

/** Neither mask covers the whole disc: mask both by their intersection. */
function countMasked(a: BitCylinders, oa: number, b: BitCylinders, ob: number, words: number): void {
  const maskA = a.mask;
  const maskB = b.mask;
  const bitsA = a.bits;
  const bitsB = b.bits;
  counts.fill(0);
  for (let w0 = 0; w0 < words; w0 += FOLD) {
    let common = 0;
    let countA = 0;
    let countB = 0;
    let diff = 0;
    const end = Math.min(words, w0 + FOLD);
    for (let w = w0; w < end; w++) {
      const m = maskA[oa + w] & maskB[ob + w];
      // Bits of invalid cells are 0, so a's bits masked by b's validity are a's bits masked by both.
      const wa = bitsA[oa + w] & m;
      const wb = bitsB[ob + w] & m;
      common += byteCounts(m);
      countA += byteCounts(wa);
      countB += byteCounts(wb);
      diff += byteCounts(wa ^ wb);
    }
    counts[0] += byteSum(common);
    counts[1] += byteSum(countA);
    counts[2] += byteSum(countB);
    counts[3] += byteSum(diff);
  }
}

/**
 * `full` covers its whole disc, so the intersection is `part`'s mask and `part`'s counts stand as they
 * are: only `full` needs masking.
 */
function countHalfMasked(
  full: BitCylinders,
  of: number,
  part: BitCylinders,
  op: number,
  ip: number,
  words: number,
) {
  const bitsFull = full.bits;
  const bitsPart = part.bits;
  const maskPart = part.mask;
  let countFull = 0;
  let diff = 0;
  for (let w0 = 0; w0 < words; w0 += FOLD) {
    let f = 0;
    let d = 0;
    const end = Math.min(words, w0 + FOLD);
    for (let w = w0; w < end; w++) {
      const wf = bitsFull[of + w] & maskPart[op + w];
      f += byteCounts(wf);
      d += byteCounts(wf ^ bitsPart[op + w]);
    }
    countFull += byteSum(f);
    diff += byteSum(d);
  }
  counts[0] = part.maskCount[ip];
  counts[1] = countFull;
  counts[2] = part.bitCount[ip];
  counts[3] = diff;
}

/** Both cover their whole disc: no masking, set-cell counts precomputed. */
function countUnmasked(a: BitCylinders, ia: number, b: BitCylinders, ib: number, words: number): void {
  const oa = ia * words;
  const ob = ib * words;
  const bitsA = a.bits;
  const bitsB = b.bits;
  let diff = 0;
  for (let w0 = 0; w0 < words; w0 += FOLD) {
    let d = 0;
    const end = Math.min(words, w0 + FOLD);
    for (let w = w0; w < end; w++) d += byteCounts(bitsA[oa + w] ^ bitsB[ob + w]);
    diff += byteSum(d);
  }
  counts[0] = a.maskCount[ia];
  counts[1] = a.bitCount[ia];
  counts[2] = b.bitCount[ib];
  counts[3] = diff;
}

function countPair(a: BitCylinders, i: number, b: BitCylinders, j: number, words: number): void {
  const completeA = a.complete[i] === 1;
  const completeB = b.complete[j] === 1;
  if (completeA && completeB) countUnmasked(a, i, b, j, words);
  else if (completeA) countHalfMasked(a, i * words, b, j * words, j, words);
  else if (completeB) {
    countHalfMasked(b, j * words, a, i * words, i, words);
    const t = counts[1];
    counts[1] = counts[2];
    counts[2] = t;
  } else countMasked(a, i * words, b, j * words, words);
}

/**
 * The local similarity matrix Γ of two bit-cylinder sets (row-major, a × b), the hot loop of 1:1
 * comparison: XOR/AND and popcount over packed words, masking only the cylinders whose valid area does
 * not cover their whole disc. Returns the number of non-zero entries.
 */
export function bitSimilarityMatrix(
  a: BitCylinders,
  b: BitCylinders,
  discCells: number,
  q: ConsolidationParameters,
  out: Float32Array,
): number {
  const words = a.words;
  const minCommon = q.minMatchableCells * discCells * a.params.directionalCells;
  const maxTurn = q.maxDirectionDifference;
  let nonZero = 0;
  for (let i = 0; i < a.count; i++) {
    const angleA = a.angle[i];
    for (let j = 0; j < b.count; j++) {
      let lambda = 0;
      const d = angleA - b.angle[j];
      const turn = d < -Math.PI ? d + 2 * Math.PI : d >= Math.PI ? d - 2 * Math.PI : d;
      if (turn <= maxTurn && turn >= -maxTurn) {
        countPair(a, i, b, j, words);
        if (counts[0] >= minCommon && counts[1] + counts[2] > 0) {
          lambda = 1 - Math.sqrt(counts[3]) / (Math.sqrt(counts[1]) + Math.sqrt(counts[2]));
          if (lambda > 0) nonZero++;
        }
      }
      out[i * b.count + j] = lambda;
    }
  }
  return nonZero;
}
