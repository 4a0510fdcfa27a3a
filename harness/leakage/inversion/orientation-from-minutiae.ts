import type { FingerTemplate } from '../../../sim/matcher/template.ts';

/**
 * A ridge-orientation field on a block grid: `theta[r * cols + c]` is the ridge direction at the
 * centre of block (c, r), in [0, π), as the angle of the vector (cos θ, sin θ) in pixel
 * coordinates (x right, y down).
 */
export interface BlockOrientation {
  readonly block: number;
  readonly cols: number;
  readonly rows: number;
  readonly theta: Float32Array;
}

export const ORIENTATION_FROM_MINUTIAE = {
  /** Block size, px at 500 ppi. */
  block: 8,
  /**
   * Reach of a minutia's direction, px: about three ridge periods, the distance over which ridge
   * flow stays nearly straight away from singular points (Ross, Shah, Jain 2007 interpolate within
   * triangles of neighbouring minutiae, whose sides are of this order).
   */
  sigma: 24,
} as const;

/** Centre of block index k along an axis. */
export function blockCentre(k: number, block: number): number {
  return k * block + block / 2;
}

/**
 * The orientation field a minutiae template implies: at every block, the Gaussian-weighted mean of
 * the minutiae's ridge directions in the doubled-angle representation (directions are modulo π,
 * so an ending and a bifurcation pointing opposite ways agree). Far from every minutia the nearest
 * ones still dominate, so the field extends over the whole canvas.
 */
export function orientationFromMinutiae(
  t: FingerTemplate,
  o: { block?: number; sigma?: number } = {},
): BlockOrientation {
  const block = o.block ?? ORIENTATION_FROM_MINUTIAE.block;
  const sigma = o.sigma ?? ORIENTATION_FROM_MINUTIAE.sigma;
  if (t.minutiae.length === 0)
    throw new RangeError('a template without minutiae implies no orientation field');
  const cols = Math.ceil(t.width / block);
  const rows = Math.ceil(t.height / block);
  const theta = new Float32Array(cols * rows);
  const doubled = t.minutiae.map((m) => {
    // Pixel-coordinate direction of an ISO angle is (cos a, −sin a): its angle is −a.
    const phi = -2 * m.angle;
    return { x: m.x, y: m.y, c: Math.cos(phi), s: Math.sin(phi) };
  });
  const inv2s2 = 1 / (2 * sigma * sigma);
  for (let r = 0; r < rows; r++) {
    const cy = blockCentre(r, block);
    for (let c = 0; c < cols; c++) {
      const cx = blockCentre(c, block);
      theta[r * cols + c] = meanDoubledAngle(doubled, cx, cy, inv2s2);
    }
  }
  return { block, cols, rows, theta };
}

function meanDoubledAngle(
  doubled: readonly { x: number; y: number; c: number; s: number }[],
  cx: number,
  cy: number,
  inv2s2: number,
): number {
  let nearest = Number.POSITIVE_INFINITY;
  for (const d of doubled) nearest = Math.min(nearest, (d.x - cx) ** 2 + (d.y - cy) ** 2);
  // Weights relative to the nearest minutia, so that they never all underflow far from the print.
  let sc = 0;
  let ss = 0;
  for (const d of doubled) {
    const w = Math.exp(-((d.x - cx) ** 2 + (d.y - cy) ** 2 - nearest) * inv2s2);
    sc += w * d.c;
    ss += w * d.s;
  }
  const a = Math.atan2(ss, sc) / 2;
  return a < 0 ? a + Math.PI : a;
}

/** The orientation at a block, for callers that index by (column, row). */
export function orientationAt(f: BlockOrientation, c: number, r: number): number {
  return f.theta[r * f.cols + c];
}
