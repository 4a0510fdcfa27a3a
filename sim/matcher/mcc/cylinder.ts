import { convexHull, withinHull } from './convex-hull.ts';
import { angleDifference, type CylinderParameters } from './mcc-parameters.ts';
import type { MinutiaPoints } from './minutia-points.ts';

/**
 * Minutia Cylinder-Code cylinders (Cappelli, Ferrara, Maltoni, IEEE TPAMI 2010, Section 3): for each
 * minutia m, a NS×NS×ND grid in m's own frame (rotated by θm) whose cell (i, j, k) sums, over the
 * neighbours t, a spatial Gaussian of t's distance to the cell centre times the share of a directional
 * Gaussian of dΦ(θm, θt) that falls in angular section k. Cells off the disc of radius R, or beyond the
 * minutiae convex hull enlarged by Ω, are invalid. `contribution` holds the raw sums, before Ψ.
 */
export interface CylinderSet {
  readonly params: CylinderParameters;
  /** Index of the centre minutia of each kept cylinder. */
  readonly minutia: Int32Array;
  /** Raw sums, cylinder-major, cell index (i·NS + j)·ND + k. */
  readonly contribution: Float32Array;
  /** 1 where the spatial cell (i·NS + j) is valid, cylinder-major. */
  readonly valid: Uint8Array;
}

export function cellsPerCylinder(p: CylinderParameters): number {
  return p.spatialCells * p.spatialCells * p.directionalCells;
}

/** Spatial cells whose centre lies within R of the cylinder's centre (the disc). */
export function discCellCount(p: CylinderParameters): number {
  let count = 0;
  forEachCellOffset(p, (_, dx, dy) => {
    if (dx * dx + dy * dy <= p.radius * p.radius) count++;
  });
  return count;
}

/** Index of each spatial cell among the disc's cells, or −1 off the disc (cells are never valid there). */
export function discCellIndex(p: CylinderParameters): Int32Array {
  const index = new Int32Array(p.spatialCells * p.spatialCells).fill(-1);
  let next = 0;
  forEachCellOffset(p, (cell, dx, dy) => {
    if (dx * dx + dy * dy <= p.radius * p.radius) index[cell] = next++;
  });
  return index;
}

/** Offset of each spatial cell centre from the minutia, in the minutia's frame (θ = 0). */
function forEachCellOffset(p: CylinderParameters, f: (cell: number, dx: number, dy: number) => void): void {
  const ns = p.spatialCells;
  const delta = (2 * p.radius) / ns;
  const mid = (ns - 1) / 2;
  for (let i = 0; i < ns; i++)
    for (let j = 0; j < ns; j++) f(i * ns + j, (i - mid) * delta, (j - mid) * delta);
}

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), enough for a Gaussian's bin share. */
export function erf(x: number): number {
  const s = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const poly =
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  return s * (1 - poly * Math.exp(-a * a));
}

/** Share of the directional Gaussian N(0, σD) of an angle difference `d` lying in each section k. */
export function directionalShares(p: CylinderParameters, d: number, out: Float64Array, at: number): void {
  const nd = p.directionalCells;
  const width = (2 * Math.PI) / nd;
  const scale = 1 / (p.sigmaD * Math.SQRT2);
  for (let k = 0; k < nd; k++) {
    const centre = -Math.PI + (k + 0.5) * width;
    const a = angleDifference(centre, d);
    out[at + k] = 0.5 * (erf((a + width / 2) * scale) - erf((a - width / 2) * scale));
  }
}

/** Minutiae other than m within `reach` of it (MCC's minM test). */
export function neighbourCount(points: MinutiaPoints, m: number, reach: number): number {
  let n = 0;
  for (let t = 0; t < points.count; t++) {
    if (t === m) continue;
    const dx = points.x[t] - points.x[m];
    const dy = points.y[t] - points.y[m];
    if (dx * dx + dy * dy <= reach * reach) n++;
  }
  return n;
}

export function buildCylinders(points: MinutiaPoints, p: CylinderParameters): CylinderSet {
  const cells = cellsPerCylinder(p);
  const spatial = p.spatialCells * p.spatialCells;
  const nd = p.directionalCells;
  const hull = convexHull(points.x, points.y);
  const minValid = p.minValidCells * discCellCount(p);
  const reach = 3 * p.sigmaS;
  const gaussNorm = 1 / (p.sigmaS * Math.sqrt(2 * Math.PI));
  // The directional share of neighbour t depends on dΦ(θm, θt) only, not on the cell: once per (m, t).
  const shares = new Float64Array(points.count * nd);
  const kept: number[] = [];
  const contributions: Float32Array[] = [];
  const valids: Uint8Array[] = [];
  // Only minutiae within R + 3σS (+1 px against rounding) of m can reach a cell of m's disc: the
  // others would be skipped by the distance test below for every cell, so leaving them out of the
  // loop changes nothing (the contributing ones are still summed in the same order).
  const near = new Int32Array(points.count);
  const nearReach = (p.radius + reach + 1) ** 2;
  for (let m = 0; m < points.count; m++) {
    if (neighbourCount(points, m, p.radius + reach) < p.minMinutiae) continue;
    const c = new Float32Array(cells);
    const v = new Uint8Array(spatial);
    const mx = points.x[m];
    const my = points.y[m];
    const cos = Math.cos(points.angle[m]);
    const sin = Math.sin(points.angle[m]);
    let validCount = 0;
    let nearCount = 0;
    for (let t = 0; t < points.count; t++) {
      if (t === m) continue;
      const dx = points.x[t] - mx;
      const dy = points.y[t] - my;
      if (dx * dx + dy * dy > nearReach) continue;
      near[nearCount++] = t;
      directionalShares(p, angleDifference(points.angle[m], points.angle[t]), shares, t * nd);
    }
    forEachCellOffset(p, (cell, ox, oy) => {
      if (ox * ox + oy * oy > p.radius * p.radius) return;
      const cx = mx + ox * cos - oy * sin;
      const cy = my + ox * sin + oy * cos;
      if (!withinHull(hull, cx, cy, p.omega)) return;
      v[cell] = 1;
      validCount++;
      for (let n = 0; n < nearCount; n++) {
        const t = near[n];
        const dx = points.x[t] - cx;
        const dy = points.y[t] - cy;
        const d2 = dx * dx + dy * dy;
        if (d2 > reach * reach) continue;
        const spatialWeight = gaussNorm * Math.exp(-d2 / (2 * p.sigmaS * p.sigmaS));
        for (let k = 0; k < nd; k++) c[cell * nd + k] += spatialWeight * shares[t * nd + k];
      }
    });
    if (validCount < minValid) continue;
    kept.push(m);
    contributions.push(c);
    valids.push(v);
  }
  const contribution = new Float32Array(kept.length * cells);
  const valid = new Uint8Array(kept.length * spatial);
  for (let i = 0; i < kept.length; i++) {
    contribution.set(contributions[i], i * cells);
    valid.set(valids[i], i * spatial);
  }
  return { params: p, minutia: Int32Array.from(kept), contribution, valid };
}
