import { type Minutia, type MinutiaType, normalizeAngle } from '../../matcher/template.ts';
import { MINUTIAE } from './synthesis-parameters.ts';

/** Neighbour offsets P2…P9 of Zhang & Suen, clockwise from north, as (dx, dy). */
const NX = [0, 1, 1, 1, 0, -1, -1, -1];
const NY = [-1, -1, 0, 1, 1, 1, 0, -1];

function neighbours(img: Uint8Array, i: number, width: number, out: Uint8Array): void {
  for (let k = 0; k < 8; k++) out[k] = img[i + NY[k] * width + NX[k]];
}

/** Ridge pixels (crest side, value > 0) of the ridge map, inside the silhouette and off the canvas edge. */
export function binarizeRidges(
  ridges: Float32Array,
  mask: Uint8Array,
  width: number,
  height: number,
): Uint8Array {
  const bin = new Uint8Array(width * height);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      bin[i] = mask[i] && ridges[i] > 0 ? 1 : 0;
    }
  }
  return bin;
}

/** Zhang–Suen thinning (1984) to a one-pixel skeleton, in place; works on a list of live pixels. */
export function thin(img: Uint8Array, width: number): Uint8Array {
  let live: number[] = [];
  for (let i = 0; i < img.length; i++) if (img[i]) live.push(i);
  const p = new Uint8Array(8);
  const doomed: number[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (let pass = 0; pass < 2; pass++) {
      doomed.length = 0;
      for (const i of live) {
        neighbours(img, i, width, p);
        let count = 0;
        let transitions = 0;
        for (let k = 0; k < 8; k++) {
          count += p[k];
          if (p[k] === 0 && p[(k + 1) & 7] === 1) transitions++;
        }
        if (count < 2 || count > 6 || transitions !== 1) continue;
        if (
          pass === 0
            ? p[0] * p[2] * p[4] === 0 && p[2] * p[4] * p[6] === 0
            : p[0] * p[2] * p[6] === 0 && p[0] * p[4] * p[6] === 0
        ) {
          doomed.push(i);
        }
      }
      for (const i of doomed) img[i] = 0;
      if (doomed.length > 0) {
        changed = true;
        live = live.filter((i) => img[i] === 1);
      }
    }
  }
  return img;
}

/** Rutovitz crossing number: 1 at a ridge ending, 3 at a bifurcation. */
export function crossingNumber(skeleton: Uint8Array, i: number, width: number): number {
  let cn = 0;
  for (let k = 0; k < 8; k++) {
    cn += Math.abs(
      skeleton[i + NY[k] * width + NX[k]] - skeleton[i + NY[(k + 1) & 7] * width + NX[(k + 1) & 7]],
    );
  }
  return cn / 2;
}

/**
 * Follows the skeleton from `start` (a neighbour of `from`) for up to `steps` pixels and returns
 * the last pixel. The minutia's other neighbours count as visited, so that a branch never slips
 * into its neighbour branch right at a junction.
 */
function trace(skeleton: Uint8Array, from: number, start: number, width: number, steps: number): number {
  const visited = [from, start];
  for (let k = 0; k < 8; k++) {
    const j = from + NY[k] * width + NX[k];
    if (skeleton[j] && j !== start) visited.push(j);
  }
  let at = start;
  for (let s = 1; s < steps; s++) {
    let next = -1;
    for (let k = 0; k < 8 && next < 0; k++) {
      const j = at + NY[k] * width + NX[k];
      if (skeleton[j] && !visited.includes(j)) next = j;
    }
    if (next < 0) break;
    visited.push(next);
    at = next;
  }
  return at;
}

/** Unit vectors from the minutia along each skeleton branch leaving it. */
function branches(skeleton: Uint8Array, i: number, width: number): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  const x0 = i % width;
  const y0 = (i - x0) / width;
  for (let k = 0; k < 8; k++) {
    const j = i + NY[k] * width + NX[k];
    const before = skeleton[i + NY[(k + 7) & 7] * width + NX[(k + 7) & 7]];
    if (!skeleton[j] || before) continue;
    const end = trace(skeleton, i, j, width, MINUTIAE.traceSteps);
    const ex = (end % width) - x0;
    const ey = (end - (end % width)) / width - y0;
    const len = Math.hypot(ex, ey) || 1;
    out.push({ x: ex / len, y: ey / len });
  }
  return out;
}

/**
 * ISO direction of a minutia from its branches: along the ridge for an ending; for a bifurcation,
 * between the two branches that meet at the smallest angle (the valley between them), i.e. away
 * from the stem. Returns NaN where the skeleton does not show the expected branches.
 */
function direction(type: MinutiaType, arms: { x: number; y: number }[]): number {
  if (type === 'ending')
    return arms.length === 1 ? normalizeAngle(Math.atan2(-arms[0].y, arms[0].x)) : Number.NaN;
  if (arms.length !== 3) return Number.NaN;
  let best = -2;
  let dx = 0;
  let dy = 0;
  for (let a = 0; a < 3; a++) {
    const b = (a + 1) % 3;
    const dot = arms[a].x * arms[b].x + arms[a].y * arms[b].y;
    if (dot > best) {
      best = dot;
      dx = arms[a].x + arms[b].x;
      dy = arms[a].y + arms[b].y;
    }
  }
  return normalizeAngle(Math.atan2(-dy, dx));
}

/** Distance (px, capped) to the outside of the mask or the canvas edge, by two chamfer sweeps. */
function insideDistance(mask: Uint8Array, width: number, height: number, cap: number): Uint8Array {
  const d = new Uint8Array(mask.length);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) d[y * width + x] = mask[y * width + x] ? cap : 0;
  }
  for (let y = 1; y < height; y++) {
    for (let x = 1; x < width; x++) {
      const i = y * width + x;
      d[i] = Math.min(d[i], d[i - 1] + 1, d[i - width] + 1);
    }
  }
  for (let y = height - 2; y >= 0; y--) {
    for (let x = width - 2; x >= 0; x--) {
      const i = y * width + x;
      d[i] = Math.min(d[i], d[i + 1] + 1, d[i + width] + 1);
    }
  }
  return d;
}

/** A junction can leave two or three adjacent skeleton pixels of crossing number 3: keep the first. */
function mergeJunctions(found: Minutia[]): Minutia[] {
  const kept: Minutia[] = [];
  for (const m of found) {
    const twin = kept.some(
      (k) =>
        k.type === 'bifurcation' &&
        m.type === 'bifurcation' &&
        Math.abs(k.x - m.x) <= 2 &&
        Math.abs(k.y - m.y) <= 2,
    );
    if (!twin) kept.push(m);
  }
  return kept;
}

/** Drops both minutiae of every pair closer than `distance`: spurs, short breaks and bridges. */
function dropClosePairs(found: Minutia[], distance: number): Minutia[] {
  const gone = new Uint8Array(found.length);
  for (let a = 0; a < found.length; a++) {
    for (let b = a + 1; b < found.length; b++) {
      if (Math.hypot(found[a].x - found[b].x, found[a].y - found[b].y) < distance) gone[a] = gone[b] = 1;
    }
  }
  return found.filter((_, i) => !gone[i]);
}

/**
 * Stage 7: ground-truth minutiae of the master, read from its ridge map: binarize the crests,
 * thin them, and take skeleton pixels of crossing number 1 (endings) and 3 (bifurcations) away
 * from the silhouette's cut edge, with ISO/IEC 19794-2 directions (see template.ts).
 */
export function masterMinutiae(
  ridges: Float32Array,
  mask: Uint8Array,
  width: number,
  height: number,
): Minutia[] {
  const skeleton = thin(binarizeRidges(ridges, mask, width, height), width);
  const inside = insideDistance(mask, width, height, 255);
  const found: Minutia[] = [];
  for (let i = 0; i < skeleton.length; i++) {
    if (!skeleton[i] || inside[i] < MINUTIAE.edgeDistance) continue;
    const cn = crossingNumber(skeleton, i, width);
    if (cn !== 1 && cn !== 3) continue;
    const type: MinutiaType = cn === 1 ? 'ending' : 'bifurcation';
    const angle = direction(type, branches(skeleton, i, width));
    if (Number.isNaN(angle)) continue;
    found.push({ x: i % width, y: Math.floor(i / width), angle, type, quality: 100 });
  }
  return dropClosePairs(mergeJunctions(found), MINUTIAE.pairDistance);
}
