/**
 * Convex hull of the minutiae, enlarged by Ω: the region where MCC trusts that a cell with no minutiae
 * really has none (outside it, the cell may simply lie off the captured area).
 */
export interface ConvexHull {
  /** Hull vertices counter-clockwise, x0 y0 x1 y1 … */
  readonly vertices: Float64Array;
  /**
   * Each edge's line as a·x + b·y + c, (a, b) its unit inward normal: the signed distance of a point
   * to the line, positive inside (3 numbers an edge; empty below 3 vertices).
   */
  readonly lines: Float64Array;
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
  return { vertices, lines: edgeLines(vertices) };
}

function edgeLines(v: Float64Array): Float64Array {
  const n = v.length / 2;
  if (n < 3) return new Float64Array(0);
  const lines = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const j = i + 1 === n ? 0 : i + 1;
    const dx = v[2 * j] - v[2 * i];
    const dy = v[2 * j + 1] - v[2 * i + 1];
    const len = Math.hypot(dx, dy);
    const a = -dy / len;
    const b = dx / len;
    lines[3 * i] = a;
    lines[3 * i + 1] = b;
    lines[3 * i + 2] = -(a * v[2 * i] + b * v[2 * i + 1]);
  }
  return lines;
}

/**
 * Signed distances to the edge lines decide most points at once, the same way the exact test
 * would: beyond this (px) of the boundary no rounding of the exact test can flip its answer (its
 * cross products err by under 1e-9 px², edges are distinct minutiae, far more than 1e-6 px apart).
 */
const CLEAR = 1e-3;

function segmentDistanceSquared(px: number, py: number, ax: number, ay: number, bx: number, by: number) {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/**
 * True when (px, py) lies inside the hull or within `margin` of it. Points clearly inside, or clearly
 * beyond the margin of one edge line, are decided by the edge lines alone; the few near the boundary
 * get the exact test (cross products, then distances to the edge segments).
 */
export function withinHull(hull: ConvexHull, px: number, py: number, margin: number): boolean {
  const v = hull.vertices;
  const n = v.length / 2;
  if (n === 0) return false;
  const lines = hull.lines;
  if (lines.length > 0) {
    // Inside every line by CLEAR: inside. Outside one line by more than the margin: the whole
    // (convex) hull lies beyond that line, so every point of it is farther than the margin.
    let nearest = Number.POSITIVE_INFINITY;
    for (let e = 0; e < lines.length; e += 3) {
      const s = lines[e] * px + lines[e + 1] * py + lines[e + 2];
      if (s < -margin - CLEAR) return false;
      if (s < nearest) nearest = s;
    }
    if (nearest > CLEAR) return true;
  }
  return exactlyWithinHull(v, n, px, py, margin);
}

/** The definition: inside by every edge's cross product, or within `margin` of an edge segment. */
function exactlyWithinHull(v: Float64Array, n: number, px: number, py: number, margin: number): boolean {
  if (n >= 3) {
    let inside = true;
    for (let i = 0; i < n && inside; i++) {
      const j = i + 1 === n ? 0 : i + 1;
      if (cross(v[2 * i], v[2 * i + 1], v[2 * j], v[2 * j + 1], px, py) < 0) inside = false;
    }
    if (inside) return true;
  }
  const margin2 = margin * margin;
  for (let i = 0; i < n; i++) {
    const j = i + 1 === n ? 0 : i + 1;
    if (segmentDistanceSquared(px, py, v[2 * i], v[2 * i + 1], v[2 * j], v[2 * j + 1]) <= margin2)
      return true;
  }
  return false;
}
