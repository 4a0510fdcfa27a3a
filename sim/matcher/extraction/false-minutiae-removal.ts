import type { BinaryImage } from './binarization.ts';
import { EXTRACTION } from './extraction-parameters.ts';
import { pixelDirection } from './minutia-direction.ts';
import { detectMinutiae, type SkeletonMinutia, skeletonPixels } from './minutiae-detection.ts';
import type { OrientationField } from './orientation-field.ts';
import { periodAt, type RidgePeriodMap } from './ridge-frequency.ts';
import { branchStarts, traceRidge } from './skeleton-tracing.ts';

const P = EXTRACTION.minutiae;

interface Context {
  skeleton: BinaryImage;
  /** The skeleton's pixels before cleaning: cleaning only removes pixels, or adds plain ridge ones. */
  pixels: Int32Array;
  field: OrientationField;
  periods: RidgePeriodMap;
}

function period(ctx: Context, m: SkeletonMinutia): number {
  return periodAt(ctx.periods, m.x, m.y);
}

/**
 * Spurs (ending → bifurcation) and fragments (ending → ending) shorter than a fraction of the
 * local ridge period are noise of binarisation: cut them off the skeleton.
 */
function cutSpursAndFragments(ctx: Context): number {
  const { skeleton } = ctx;
  const minutiae = detectMinutiae(skeleton, ctx.pixels);
  const cut: number[] = [];
  for (const m of minutiae) {
    if (m.type !== 'ending') continue;
    const p = period(ctx, m);
    const limit = Math.ceil(Math.max(P.spurPerPeriod, P.fragmentPerPeriod) * p);
    const [start] = branchStarts(skeleton, m.index);
    if (start === undefined) {
      cut.push(m.index);
      continue;
    }
    const { path, reachedMinutia } = traceRidge(skeleton, m.index, start, limit);
    if (!reachedMinutia) {
      if (path.length < limit) cut.push(m.index, ...path);
      continue;
    }
    const end = path[path.length - 1];
    const endIsEnding = branchStarts(skeleton, end).length === 1;
    if (endIsEnding && path.length <= P.fragmentPerPeriod * p) cut.push(m.index, ...path);
    else if (!endIsEnding && path.length <= P.spurPerPeriod * p) cut.push(m.index, ...path.slice(0, -1));
  }
  for (const i of cut) skeleton.data[i] = 0;
  return cut.length;
}

/**
 * Bridges between neighbouring ridges and the sides of small holes (lakes) are short
 * bifurcation → bifurcation segments: cut one segment per pair of bifurcations per round.
 */
function cutBridges(ctx: Context): number {
  const { skeleton } = ctx;
  const minutiae = detectMinutiae(skeleton, ctx.pixels).filter((m) => m.type === 'bifurcation');
  const cut: number[] = [];
  const pairs = new Set<string>();
  const bifurcationAt = new Map<number, number>();
  for (const m of minutiae) bifurcationAt.set(m.index, m.index);
  for (const m of minutiae) {
    const limit = Math.ceil(P.bridgePerPeriod * period(ctx, m));
    for (const start of branchStarts(skeleton, m.index)) {
      const { path, reachedMinutia } = traceRidge(skeleton, m.index, start, limit);
      if (!reachedMinutia) continue;
      const end = path[path.length - 1];
      if (branchStarts(skeleton, end).length < 3) continue;
      const key = m.index < end ? `${m.index}:${end}` : `${end}:${m.index}`;
      if (pairs.has(key)) continue;
      pairs.add(key);
      cut.push(...path.slice(0, -1));
    }
  }
  for (const i of cut) skeleton.data[i] = 0;
  return cut.length;
}

/**
 * Broken ridges: two endings close together, facing each other across a gap that runs along the
 * ridge flow, are one ridge. Join them with a line so that neither is reported.
 */
function joinGaps(ctx: Context): number {
  const { skeleton, field } = ctx;
  const { width } = skeleton;
  const endings = detectMinutiae(skeleton, ctx.pixels).filter((m) => m.type === 'ending');
  const dirs = endings.map((m) => pixelDirection(skeleton, m, field));
  const used = new Uint8Array(endings.length);
  const candidates: [number, number, number][] = [];
  for (let a = 0; a < endings.length; a++) {
    for (let b = a + 1; b < endings.length; b++) {
      const ma = endings[a];
      const mb = endings[b];
      const dx = mb.x - ma.x;
      const dy = mb.y - ma.y;
      const d = Math.hypot(dx, dy);
      if (d === 0 || d > P.gapPerPeriod * period(ctx, ma)) continue;
      // Each ending's ridge body lies behind it, away from the gap.
      const cosA = -(dirs[a][0] * dx + dirs[a][1] * dy) / d;
      const cosB = (dirs[b][0] * dx + dirs[b][1] * dy) / d;
      const th = field.angle[ma.index];
      const alongFlow = Math.abs(Math.cos(th) * dx + Math.sin(th) * dy) / d;
      const c = Math.cos(P.gapAngle * 1.5);
      if (cosA > c && cosB > c && alongFlow > Math.cos(P.gapAngle)) candidates.push([d, a, b]);
    }
  }
  candidates.sort((p, q) => p[0] - q[0]);
  let joined = 0;
  for (const [, a, b] of candidates) {
    if (used[a] || used[b]) continue;
    used[a] = used[b] = 1;
    drawLine(skeleton.data, width, endings[a], endings[b]);
    joined++;
  }
  return joined;
}

function drawLine(data: Uint8Array, width: number, a: SkeletonMinutia, b: SkeletonMinutia): void {
  const n = Math.max(Math.abs(b.x - a.x), Math.abs(b.y - a.y));
  for (let k = 1; k < n; k++) {
    const x = Math.round(a.x + ((b.x - a.x) * k) / n);
    const y = Math.round(a.y + ((b.y - a.y) * k) / n);
    data[y * width + x] = 1;
  }
}

/**
 * Cleans the skeleton of the structures that make false minutiae (Maltoni et al., Handbook of
 * Fingerprint Recognition §3.8; SourceAFIS's skeleton filters): gaps joined, then spurs and
 * fragments, then bridges and holes, repeated because each cut can expose another.
 * Returns a cleaned copy.
 */
export function cleanSkeleton(
  thinned: BinaryImage,
  field: OrientationField,
  periods: RidgePeriodMap,
): BinaryImage {
  const skeleton = { ...thinned, data: thinned.data.slice() };
  const ctx: Context = { skeleton, field, periods, pixels: skeletonPixels(skeleton) };
  for (let round = 0; round < P.cleaningRounds; round++) {
    const changes = joinGaps(ctx) + cutSpursAndFragments(ctx) + cutBridges(ctx) + cutSpursAndFragments(ctx);
    if (changes === 0) break;
  }
  return skeleton;
}

/**
 * An ending whose open side faces the foreground edge closely is a ridge cut by the edge of the
 * impression or of the mask, not a ridge that ends: walk from it away from its ridge and see
 * whether the background comes within a couple of ridge periods.
 */
function facesEdge(
  m: SkeletonMinutia,
  edgeDistance: Float32Array,
  width: number,
  height: number,
  reach: number,
): boolean {
  if (m.type !== 'ending' || !m.direction) return false;
  const [dx, dy] = m.direction;
  for (let t = 1; t <= reach; t++) {
    const x = Math.round(m.x - t * dx);
    const y = Math.round(m.y - t * dy);
    if (x < 0 || y < 0 || x >= width || y >= height || edgeDistance[y * width + x] < 1) return true;
  }
  return false;
}

/**
 * Drops minutiae that the skeleton cannot vouch for: near the foreground edge (where ridges are
 * cut by the sensor or the mask), endings facing the edge, minutiae in incoherent regions, and
 * pairs closer than a fraction of the ridge period (leftovers of noise).
 */
export function filterMinutiae(
  minutiae: SkeletonMinutia[],
  edgeDistance: Float32Array,
  field: OrientationField,
  periods: RidgePeriodMap,
): SkeletonMinutia[] {
  const { width, height } = field;
  const kept = minutiae.filter(
    (m) =>
      edgeDistance[m.index] >= P.borderDistance &&
      field.coherence[m.index] >= P.minCoherence &&
      !facesEdge(m, edgeDistance, width, height, P.edgeFacingPerPeriod * periodAt(periods, m.x, m.y)),
  );
  const drop = new Uint8Array(kept.length);
  for (let a = 0; a < kept.length; a++) {
    for (let b = a + 1; b < kept.length; b++) {
      const d = Math.hypot(kept[a].x - kept[b].x, kept[a].y - kept[b].y);
      if (d < P.closePairPerPeriod * periodAt(periods, kept[a].x, kept[a].y)) drop[a] = drop[b] = 1;
    }
  }
  return kept.filter((_, k) => !drop[k]);
}
