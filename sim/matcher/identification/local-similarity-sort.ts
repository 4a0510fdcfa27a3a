/**
 * Local Similarity Sort over binary cylinders (Cappelli et al. 2010, Section 5, with the bit-based
 * local similarity of Section 4.2): every probe cylinder is compared with every cylinder of the gallery
 * entry by XOR and popcount, 1 − √|a⊕b| / (√|a| + √|b|), and the score is the mean of the nP best
 * pairs. It needs no alignment, costs microseconds, and re-ranks the hash-vote shortlist far better
 * than the votes alone.
 */
export interface CylinderSet {
  readonly words: number;
  readonly codes: Uint32Array;
  /** 1 bits of each cylinder. */
  readonly ones: Uint8Array;
}

function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
}

const SQRT = Float64Array.from({ length: 1025 }, (_, i) => Math.sqrt(i));
let best = new Float64Array(16);

/**
 * Score of the probe against gallery cylinders [from, to) of `gallery`; `pairs` is nP.
 */
export function localSimilaritySort(
  probe: CylinderSet,
  gallery: CylinderSet,
  from: number,
  to: number,
  pairs: number,
): number {
  const words = probe.words;
  if (best.length < pairs) best = new Float64Array(pairs);
  let kept = 0;
  const np = probe.ones.length;
  for (let i = 0; i < np; i++) {
    const oa = i * words;
    const rootA = SQRT[probe.ones[i]];
    for (let j = from; j < to; j++) {
      const ob = j * words;
      let diff = 0;
      for (let w = 0; w < words; w++) diff += popcount(probe.codes[oa + w] ^ gallery.codes[ob + w]);
      const norm = rootA + SQRT[gallery.ones[j]];
      if (norm === 0) continue;
      const lambda = 1 - SQRT[diff] / norm;
      // Keep the nP largest, in descending order, by insertion (nP is small).
      if (kept === pairs && lambda <= best[kept - 1]) continue;
      let k = kept < pairs ? kept++ : kept - 1;
      while (k > 0 && best[k - 1] < lambda) {
        best[k] = best[k - 1];
        k--;
      }
      best[k] = lambda;
    }
  }
  let sum = 0;
  for (let k = 0; k < kept; k++) sum += best[k];
  return kept === 0 ? 0 : sum / pairs;
}
