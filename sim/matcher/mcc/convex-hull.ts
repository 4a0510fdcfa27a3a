/**
 * Convex hull of the minutiae, enlarged by Ω: the region where MCC trusts that a cell with no minutiae
 * really has none (outside it, the cell may simply lie off the captured area).
 */
export interface ConvexHull {
  /** Hull vertices counter-clockwise, x0 y0 x1 y1 … */
  readonly vertices: Float64Array;
}

function cross(ox: number, oy: number, ax: number, ay: number, bx: number, by: number): number {
  return (ax - ox) * (by - oy) - (ay - oy) * (bx - ox);
}

/** Andrew's monotone chain. */
export function convexHull(x: Float64Array, y: Float64Array): ConvexHull {
  const order = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a] - x[b] || y[a] - y[b]);
  const chain: number[] = [];
  const build = (indices: number[]): void => {
    const start = chain.length;
    for (const i of indices) {
      while (chain.length >= start + 2) {
        const a = chain[chain.length - 2];
        const b = chain[chain.length - 1];
        if (cross(x[a], y[a], x[b], y[b], x[i], y[i]) > 0) break;
        chain.pop();
      }
      chain.push(i);
    }
    chain.pop();
  };
  build(order);
  build(order.slice().reverse());
  const unique = chain.length === 0 && order.length > 0 ? [order[0]] : chain;
  const vertices = new Float64Array(unique.length * 2);
  unique.forEach((i, k) => {
    vertices[2 * k] = x[i];
    vertices[2 * k + 1] = y[i];
  });
  return { vertices };
}

function segmentDistanceSquared(px: number, py: number, ax: number, ay: number, bx: number, by: number) {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/** True when (px, py) lies inside the hull or within `margin` of it. */
export function withinHull(hull: ConvexHull, px: number, py: number, margin: number): boolean {
  const v = hull.vertices;
  const n = v.length / 2;
  if (n === 0) return false;
  let inside = n >= 3;
  let nearest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    if (n >= 3 && cross(v[2 * i], v[2 * i + 1], v[2 * j], v[2 * j + 1], px, py) < 0) inside = false;
    const d = segmentDistanceSquared(px, py, v[2 * i], v[2 * i + 1], v[2 * j], v[2 * j + 1]);
    if (d < nearest) nearest = d;
  }
  return inside || nearest <= margin * margin;
}
