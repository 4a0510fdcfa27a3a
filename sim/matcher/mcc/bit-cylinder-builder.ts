import { type BitCylinders, popcount, spatialWordsPerCylinder, wordsPerCylinder } from './bit-cylinder.ts';
import { convexHull, withinHull } from './convex-hull.ts';
import { directionalShares, discCellCount, neighbourCount } from './cylinder.ts';
import { angleDifference, type CylinderParameters } from './mcc-parameters.ts';
import type { MinutiaPoints } from './minutia-points.ts';

/**
 * Bit cylinders straight from the minutiae, bit for bit what packBitCylinders(buildCylinders(…))
 * gives (tested), at a fraction of the cost: this is what a 1:1 probe pays on every verification.
 *
 * What makes it identical: every value that decides a bit is computed by the same expression on the
 * same operands (cell centres, distances, the spatial Gaussian, erf shares), and each cell's float32
 * sum adds its neighbours in the same order (increasing minutia index). What makes it cheaper:
 * - the disc's cells only, from a per-parameter table, instead of NS×NS×ND with a closure per cell;
 * - neighbours outer, cells inner, and for each neighbour only the cells of the grid box within 3σS
 *   of it (about 49 of 208 at NS = 16) instead of testing every cell against every neighbour;
 * - validity (convex hull) decided before any sum, so a cylinder that will be dropped costs no sums;
 * - sums kept for the disc alone in one reused buffer and packed as they are, with no float cylinder
 *   set and no per-cylinder allocation.
 */

/** The disc of a parameter set: its cells' grid coordinates and centre offsets, in packing order. */
interface DiscLayout {
  readonly cells: number;
  readonly row: Int32Array;
  readonly column: Int32Array;
  readonly offsetX: Float64Array;
  readonly offsetY: Float64Array;
  /** Disc index of grid cell (i, j) at i·NS + j, or −1 off the disc. */
  readonly index: Int32Array;
}

const layouts = new WeakMap<CylinderParameters, DiscLayout>();

function discLayout(p: CylinderParameters): DiscLayout {
  const known = layouts.get(p);
  if (known) return known;
  const ns = p.spatialCells;
  // Same expressions as cylinder.ts's forEachCellOffset, so the offsets are the same doubles.
  const delta = (2 * p.radius) / ns;
  const mid = (ns - 1) / 2;
  const cells = discCellCount(p);
  const layout: DiscLayout = {
    cells,
    row: new Int32Array(cells),
    column: new Int32Array(cells),
    offsetX: new Float64Array(cells),
    offsetY: new Float64Array(cells),
    index: new Int32Array(ns * ns).fill(-1),
  };
  let d = 0;
  for (let i = 0; i < ns; i++)
    for (let j = 0; j < ns; j++) {
      const dx = (i - mid) * delta;
      const dy = (j - mid) * delta;
      if (dx * dx + dy * dy > p.radius * p.radius) continue;
      layout.row[d] = i;
      layout.column[d] = j;
      layout.offsetX[d] = dx;
      layout.offsetY[d] = dy;
      layout.index[i * ns + j] = d++;
    }
  layouts.set(p, layout);
  return layout;
}

/** Reused between templates: nothing here survives a call. */
class Scratch {
  centreX = new Float64Array(0);
  centreY = new Float64Array(0);
  valid = new Uint8Array(0);
  sums = new Float32Array(0);
  shares = new Float64Array(0);
  near = new Int32Array(0);
  bits = new Uint32Array(0);
  mask = new Uint32Array(0);
  spatial = new Uint32Array(0);

  ensure(discCells: number, nd: number, minutiae: number, words: number, spatialWords: number): void {
    if (this.centreX.length < discCells) {
      this.centreX = new Float64Array(discCells);
      this.centreY = new Float64Array(discCells);
      this.valid = new Uint8Array(discCells);
    }
    if (this.sums.length < discCells * nd) this.sums = new Float32Array(discCells * nd);
    if (this.near.length < minutiae) {
      this.near = new Int32Array(minutiae);
      this.shares = new Float64Array(minutiae * nd);
    }
    if (this.bits.length < minutiae * words) {
      this.bits = new Uint32Array(minutiae * words);
      this.mask = new Uint32Array(minutiae * words);
    }
    if (this.spatial.length < minutiae * spatialWords)
      this.spatial = new Uint32Array(minutiae * spatialWords);
  }
}

const scratch = new Scratch();

export function buildBitCylinders(points: MinutiaPoints, p: CylinderParameters): BitCylinders {
  const disc = discLayout(p);
  const nd = p.directionalCells;
  const ns = p.spatialCells;
  const words = wordsPerCylinder(p);
  const spatialWords = spatialWordsPerCylinder(disc.cells);
  const n = points.count;
  scratch.ensure(disc.cells, nd, n, words, spatialWords);
  const { centreX, centreY, valid, sums, shares, near } = scratch;
  const bits = scratch.bits;
  const mask = scratch.mask;
  const spatialBits = scratch.spatial;
  bits.fill(0, 0, n * words);
  mask.fill(0, 0, n * words);
  spatialBits.fill(0, 0, n * spatialWords);
  const xs = points.x;
  const ys = points.y;
  const hull = convexHull(xs, ys);
  const minValid = p.minValidCells * disc.cells;
  const reach = 3 * p.sigmaS;
  const reach2 = reach * reach;
  const twoSigma2 = 2 * p.sigmaS * p.sigmaS;
  const gaussNorm = 1 / (p.sigmaS * Math.sqrt(2 * Math.PI));
  const nearReach = (p.radius + reach + 1) ** 2;
  const delta = (2 * p.radius) / ns;
  const mid = (ns - 1) / 2;
  // Cells whose centre is within `reach` of a neighbour lie in its grid box widened by this margin
  // (far above rounding): the exact distance test below decides, so the box only has to contain them.
  const boxReach = reach + 0.5;
  const radius2 = p.radius * p.radius;
  const kept: number[] = [];
  for (let m = 0; m < n; m++) {
    if (neighbourCount(points, m, p.radius + reach) < p.minMinutiae) continue;
    const mx = xs[m];
    const my = ys[m];
    const cos = Math.cos(points.angle[m]);
    const sin = Math.sin(points.angle[m]);
    let validCount = 0;
    for (let d = 0; d < disc.cells; d++) {
      const ox = disc.offsetX[d];
      const oy = disc.offsetY[d];
      const cx = mx + ox * cos - oy * sin;
      const cy = my + ox * sin + oy * cos;
      centreX[d] = cx;
      centreY[d] = cy;
      const inside = ox * ox + oy * oy <= radius2 && withinHull(hull, cx, cy, p.omega);
      valid[d] = inside ? 1 : 0;
      if (inside) validCount++;
    }
    if (validCount < minValid) continue;
    let nearCount = 0;
    for (let t = 0; t < n; t++) {
      if (t === m) continue;
      const dx = xs[t] - mx;
      const dy = ys[t] - my;
      if (dx * dx + dy * dy > nearReach) continue;
      near[nearCount++] = t;
      directionalShares(p, angleDifference(points.angle[m], points.angle[t]), shares, t * nd);
    }
    sums.fill(0, 0, disc.cells * nd);
    for (let k = 0; k < nearCount; k++) {
      const t = near[k];
      const tx = xs[t];
      const ty = ys[t];
      // The neighbour in m's frame, for the grid box only.
      const ux = (tx - mx) * cos + (ty - my) * sin;
      const uy = -(tx - mx) * sin + (ty - my) * cos;
      const i0 = Math.max(0, Math.ceil((ux - boxReach) / delta + mid));
      const i1 = Math.min(ns - 1, Math.floor((ux + boxReach) / delta + mid));
      const j0 = Math.max(0, Math.ceil((uy - boxReach) / delta + mid));
      const j1 = Math.min(ns - 1, Math.floor((uy + boxReach) / delta + mid));
      const shareBase = t * nd;
      for (let i = i0; i <= i1; i++)
        for (let j = j0; j <= j1; j++) {
          const d = disc.index[i * ns + j];
          if (d < 0 || valid[d] === 0) continue;
          const ex = tx - centreX[d];
          const ey = ty - centreY[d];
          const d2 = ex * ex + ey * ey;
          if (d2 > reach2) continue;
          const spatialWeight = gaussNorm * Math.exp(-d2 / twoSigma2);
          const base = d * nd;
          for (let s = 0; s < nd; s++) sums[base + s] += spatialWeight * shares[shareBase + s];
        }
    }
    const c = kept.length;
    kept.push(m);
    const wordBase = c * words;
    const spatialBase = c * spatialWords;
    for (let d = 0; d < disc.cells; d++) {
      if (valid[d] === 0) continue;
      spatialBits[spatialBase + (d >>> 5)] |= 1 << (d & 31);
      const base = d * nd;
      for (let s = 0; s < nd; s++) {
        const packed = base + s;
        const word = wordBase + (packed >>> 5);
        const bit = 1 << (packed & 31);
        mask[word] |= bit;
        if (sums[packed] >= p.muPsi) bits[word] |= bit;
      }
    }
  }
  return finish(p, points, kept, words, spatialWords, disc.cells);
}

/** Copies the kept cylinders out of the scratch buffers, with their counts and centres. */
function finish(
  p: CylinderParameters,
  points: MinutiaPoints,
  kept: number[],
  words: number,
  spatialWords: number,
  discCells: number,
): BitCylinders {
  const count = kept.length;
  const bits = scratch.bits.slice(0, count * words);
  const mask = scratch.mask.slice(0, count * words);
  const bitCount = new Uint16Array(count);
  const maskCount = new Uint16Array(count);
  const complete = new Uint8Array(count);
  const full = discCells * p.directionalCells;
  for (let c = 0; c < count; c++) {
    let b = 0;
    let v = 0;
    for (let w = c * words; w < (c + 1) * words; w++) {
      b += popcount(bits[w]);
      v += popcount(mask[w]);
    }
    bitCount[c] = b;
    maskCount[c] = v;
    complete[c] = v === full ? 1 : 0;
  }
  const minutia = Int32Array.from(kept);
  const pick = (a: Float64Array) => Float64Array.from(kept, (m) => a[m]);
  return {
    params: p,
    count,
    words,
    bits,
    mask,
    spatial: scratch.spatial.slice(0, count * spatialWords),
    spatialWords,
    bitCount,
    maskCount,
    complete,
    angle: pick(points.angle),
    x: pick(points.x),
    y: pick(points.y),
    minutia,
  };
}
