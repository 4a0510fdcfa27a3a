import type { BitCylinders } from './bit-cylinder.ts';
import { angleDifference, type ConsolidationParameters, sigmoid } from './mcc-parameters.ts';

// Local Similarity Sort with Relaxation (Cappelli et al. 2010, Section 5): the nR = min(nA, nB) most
// similar cylinder pairs (each minutia used once) are relaxed nrel times, every pair's similarity being
// pulled towards that of the pairs geometrically compatible with it (ρ: same distance, same relative
// direction, same radial angle); the nP pairs whose similarity held up best (efficiency λ^nrel / λ^0)
// give the score, their mean relaxed similarity. Pairs with no compatible support decay as wR^nrel.

/** nP, the number of pairs whose mean is the score: 4 for small templates, up to 12 for large ones. */
export function pairCount(nA: number, nB: number, q: ConsolidationParameters): number {
  return q.minNP + Math.round(sigmoid(Math.min(nA, nB), q.muP, q.tauP) * (q.maxNP - q.minNP));
}

/** Reused buffers: a comparison allocates nothing once they have grown to the largest template. */
class Scratch {
  bucketStart = new Int32Array(BUCKETS + 1);
  order = new Int32Array(0);
  usedA = new Uint8Array(0);
  usedB = new Uint8Array(0);
  pairA = new Int32Array(0);
  pairB = new Int32Array(0);
  lambda0 = new Float64Array(0);
  lambda = new Float64Array(0);
  next = new Float64Array(0);
  rho = new Float64Array(0);
  efficiency = new Float64Array(0);
  /** Compatible pairs of each pair (ρ > 0), row t at t·n: relaxation skips the zeros. */
  neighbour = new Int32Array(0);
  degree = new Int32Array(0);

  ensure(cells: number, nA: number, nB: number, pairs: number): void {
    if (this.order.length < cells) this.order = new Int32Array(cells);
    if (this.usedA.length < nA) this.usedA = new Uint8Array(nA);
    if (this.usedB.length < nB) this.usedB = new Uint8Array(nB);
    if (this.pairA.length < pairs) {
      this.pairA = new Int32Array(pairs);
      this.pairB = new Int32Array(pairs);
      this.lambda0 = new Float64Array(pairs);
      this.lambda = new Float64Array(pairs);
      this.next = new Float64Array(pairs);
      this.efficiency = new Float64Array(pairs);
      this.rho = new Float64Array(pairs * pairs);
      this.neighbour = new Int32Array(pairs * pairs);
      this.degree = new Int32Array(pairs);
    }
  }
}

/** Γ is bucket-sorted on λ quantised to 1/1024: linear time, and ties resolve by cell index. */
const BUCKETS = 1024;
const scratch = new Scratch();

/** Orders the non-zero cells of Γ by decreasing λ (bucket sort); returns how many there are. */
function orderCells(gamma: Float32Array, cells: number): number {
  const start = scratch.bucketStart;
  start.fill(0);
  for (let c = 0; c < cells; c++)
    if (gamma[c] > 0) start[BUCKETS - 1 - Math.min(BUCKETS - 1, Math.floor(gamma[c] * BUCKETS))]++;
  let total = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const n = start[b];
    start[b] = total;
    total += n;
  }
  for (let c = 0; c < cells; c++)
    if (gamma[c] > 0)
      scratch.order[start[BUCKETS - 1 - Math.min(BUCKETS - 1, Math.floor(gamma[c] * BUCKETS))]++] = c;
  return total;
}

/** Picks up to `limit` pairs, best similarity first, no minutia twice; returns how many. */
function selectPairs(gamma: Float32Array, nA: number, nB: number, limit: number): number {
  const s = scratch;
  const k = orderCells(gamma, nA * nB);
  s.usedA.fill(0, 0, nA);
  s.usedB.fill(0, 0, nB);
  let chosen = 0;
  for (let t = 0; t < k && chosen < limit; t++) {
    const c = s.order[t];
    const i = Math.floor(c / nB);
    const j = c - i * nB;
    if (s.usedA[i] || s.usedB[j]) continue;
    s.usedA[i] = 1;
    s.usedB[j] = 1;
    s.pairA[chosen] = i;
    s.pairB[chosen] = j;
    s.lambda0[chosen] = gamma[c];
    chosen++;
  }
  return chosen;
}

/**
 * Distances and radial angles between the centres of every two cylinders of a template, computed once
 * at preparation so that relaxation needs no square root or arc tangent.
 */
export interface PairGeometry {
  readonly count: number;
  readonly distance: Float32Array;
  /** dΦ(θi, angle of the segment from k to i): the paper's dR(i, k), row i. */
  readonly radial: Float32Array;
}

export function pairGeometry(c: BitCylinders): PairGeometry {
  const n = c.count;
  const distance = new Float32Array(n * n);
  const radial = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      if (i === k) continue;
      distance[i * n + k] = Math.hypot(c.x[i] - c.x[k], c.y[i] - c.y[k]);
      radial[i * n + k] = angleDifference(c.angle[i], Math.atan2(c.y[i] - c.y[k], c.x[i] - c.x[k]));
    }
  }
  return { count: n, distance, radial };
}

/**
 * Past these differences the factor of ρ is below 1e-6 (e^-13.8): the pair is taken as incompatible
 * without evaluating the remaining sigmoids, which changes scores by less than 1e-6.
 */
const NEGLIGIBLE = 13.8;

/** ρ(t, k) for every pair of selected pairs. */
function compatibility(a: Side, b: Side, n: number, q: ConsolidationParameters): void {
  // Arrays read into locals: the typed-array stores below would otherwise make the compiler reload
  // every property chain in the inner loop.
  const { pairA, pairB, neighbour, rho, degree } = scratch;
  const distanceA = a.geometry.distance;
  const distanceB = b.geometry.distance;
  const radialA = a.geometry.radial;
  const radialB = b.geometry.radial;
  const angleA = a.cylinders.angle;
  const angleB = b.cylinders.angle;
  const farDistance = q.muRho1 - NEGLIGIBLE / q.tauRho1;
  const farTurn = q.muRho2 - NEGLIGIBLE / q.tauRho2;
  const farRadial = q.muRho3 - NEGLIGIBLE / q.tauRho3;
  const na = a.geometry.count;
  const nb = b.geometry.count;
  degree.fill(0, 0, n);
  for (let t = 0; t < n; t++) {
    const at = pairA[t];
    const bt = pairB[t];
    const rowA = at * na;
    const rowB = bt * nb;
    for (let k = t + 1; k < n; k++) {
      const ak = pairA[k];
      const bk = pairB[k];
      const d1 = Math.abs(distanceA[rowA + ak] - distanceB[rowB + bk]);
      if (d1 >= farDistance) continue;
      const turnA = angleDifference(angleA[at], angleA[ak]);
      const turnB = angleDifference(angleB[bt], angleB[bk]);
      const d2 = Math.abs(angleDifference(turnA, turnB));
      const d3 = Math.abs(angleDifference(radialA[rowA + ak], radialB[rowB + bk]));
      if (d2 >= farTurn || d3 >= farRadial) continue;
      const r =
        sigmoid(d1, q.muRho1, q.tauRho1) *
        sigmoid(d2, q.muRho2, q.tauRho2) *
        sigmoid(d3, q.muRho3, q.tauRho3);
      if (r > 0) {
        neighbour[t * n + degree[t]] = k;
        rho[t * n + degree[t]++] = r;
        neighbour[k * n + degree[k]] = t;
        rho[k * n + degree[k]++] = r;
      }
    }
  }
}

function relax(n: number, q: ConsolidationParameters): void {
  const { lambda, lambda0, next, rho, neighbour, degree } = scratch;
  for (let t = 0; t < n; t++) lambda[t] = lambda0[t];
  const w = q.relaxationWeight;
  for (let it = 0; it < q.relaxationIterations; it++) {
    for (let t = 0; t < n; t++) {
      let support = 0;
      const row = t * n;
      const end = row + degree[t];
      for (let e = row; e < end; e++) support += rho[e] * lambda[neighbour[e]];
      next[t] = w * lambda[t] + ((1 - w) * support) / (n - 1);
    }
    for (let t = 0; t < n; t++) lambda[t] = next[t];
  }
}

/** Mean relaxed similarity of the nP most efficient pairs (missing pairs count as 0). */
function consolidate(n: number, nP: number): number {
  const { efficiency, lambda, lambda0 } = scratch;
  for (let t = 0; t < n; t++) efficiency[t] = lambda[t] / lambda0[t];
  let sum = 0;
  for (let taken = 0; taken < Math.min(nP, n); taken++) {
    let best = -1;
    for (let t = 0; t < n; t++)
      if (efficiency[t] >= 0 && (best < 0 || efficiency[t] > efficiency[best])) best = t;
    sum += lambda[best];
    efficiency[best] = -1;
  }
  return sum / nP;
}

/** One template as LSS-R sees it: its cylinders and their pairwise geometry. */
export interface Side {
  readonly cylinders: BitCylinders;
  readonly geometry: PairGeometry;
}

/** Global score in [0, 1] from the local similarity matrix Γ (a × b cylinders, row-major). */
export function lssR(
  gamma: Float32Array,
  nonZero: number,
  a: Side,
  b: Side,
  q: ConsolidationParameters,
): number {
  const nA = a.cylinders.count;
  const nB = b.cylinders.count;
  if (nA === 0 || nB === 0 || nonZero === 0) return 0;
  scratch.ensure(nA * nB, nA, nB, Math.min(nA, nB));
  return lssRSelected(selectPairs(gamma, nA, nB, Math.min(nA, nB)), a, b, q);
}

/** Where a selection made elsewhere (the WebAssembly kernel) is written: pairs and their λ. */
export interface PairSelection {
  readonly pairA: Int32Array;
  readonly pairB: Int32Array;
  readonly lambda0: Float64Array;
}

/** Buffers for up to min(nA, nB) selected pairs, to be filled before `lssRSelected`. */
export function pairSelection(nA: number, nB: number): PairSelection {
  scratch.ensure(0, nA, nB, Math.min(nA, nB));
  return scratch;
}

/** LSS-R on the n pairs already selected (best first) in `pairSelection`'s buffers. */
export function lssRSelected(n: number, a: Side, b: Side, q: ConsolidationParameters): number {
  const nA = a.cylinders.count;
  const nB = b.cylinders.count;
  if (nA === 0 || nB === 0) return 0;
  const nP = pairCount(nA, nB, q);
  if (n < 2) return consolidateWithoutRelaxation(n, nP);
  compatibility(a, b, n, q);
  relax(n, q);
  return Math.min(1, Math.max(0, consolidate(n, nP)));
}

function consolidateWithoutRelaxation(n: number, nP: number): number {
  return n === 0 ? 0 : scratch.lambda0[0] / nP;
}
