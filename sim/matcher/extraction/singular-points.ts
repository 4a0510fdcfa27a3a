import type { SingularPoint } from '../template.ts';
import { EXTRACTION } from './extraction-parameters.ts';
import { gaussianBlur } from './grid-filters.ts';
import type { OrientationField } from './orientation-field.ts';

const P = EXTRACTION.singularPoints;

function wrapHalfTurn(d: number): number {
  if (d > Math.PI / 2) return d - Math.PI;
  if (d <= -Math.PI / 2) return d + Math.PI;
  return d;
}

/** The closed square path of radius r around a cell, in the positive sense of image angles. */
function squarePath(r: number): [number, number][] {
  const path: [number, number][] = [];
  for (let y = -r; y < r; y++) path.push([r, y]);
  for (let x = r; x > -r; x--) path.push([x, r]);
  for (let y = r; y > -r; y--) path.push([-r, y]);
  for (let x = -r; x < r; x++) path.push([x, -r]);
  return path;
}

/**
 * Cores and deltas by the Poincaré index (Kawagoe & Tojo 1984; Bazen & Gerez 2002): the
 * orientation turns by +π along a closed curve around a core and by −π around a delta. Detected
 * cells are merged into one point per cluster; points near the foreground edge are dropped.
 */
export function singularPoints(field: OrientationField, edgeDistance: Float32Array): SingularPoint[] {
  const { cellsX: cw, cellsY: ch, cell } = field;
  const c2 = gaussianBlur(field.cellCos2, cw, ch, P.sigma);
  const s2 = gaussianBlur(field.cellSin2, cw, ch, P.sigma);
  const theta = new Float32Array(cw * ch);
  for (let i = 0; i < theta.length; i++) theta[i] = 0.5 * Math.atan2(s2[i], c2[i]);
  const path = squarePath(P.radius);
  const hits: { type: 'core' | 'delta'; x: number; y: number }[] = [];
  for (let y = P.radius; y < ch - P.radius; y++) {
    for (let x = P.radius; x < cw - P.radius; x++) {
      const px = Math.min(field.width - 1, x * cell + cell / 2);
      const py = Math.min(field.height - 1, y * cell + cell / 2);
      if (edgeDistance[py * field.width + px] < P.borderDistance) continue;
      let sum = 0;
      for (let k = 0; k < path.length; k++) {
        const [ax, ay] = path[k];
        const [bx, by] = path[(k + 1) % path.length];
        sum += wrapHalfTurn(theta[(y + by) * cw + x + bx] - theta[(y + ay) * cw + x + ax]);
      }
      if (Math.abs(sum - Math.PI) < 0.5) hits.push({ type: 'core', x: px, y: py });
      else if (Math.abs(sum + Math.PI) < 0.5) hits.push({ type: 'delta', x: px, y: py });
    }
  }
  return cluster(hits, cell * (2 * P.radius + 1));
}

function cluster(hits: { type: 'core' | 'delta'; x: number; y: number }[], reach: number): SingularPoint[] {
  const groups: { type: 'core' | 'delta'; sx: number; sy: number; n: number }[] = [];
  for (const h of hits) {
    const g = groups.find(
      (q) => q.type === h.type && Math.hypot(q.sx / q.n - h.x, q.sy / q.n - h.y) <= reach,
    );
    if (g) {
      g.sx += h.x;
      g.sy += h.y;
      g.n++;
    } else groups.push({ type: h.type, sx: h.x, sy: h.y, n: 1 });
  }
  return groups.map((g) => ({ type: g.type, x: Math.round(g.sx / g.n), y: Math.round(g.sy / g.n) }));
}
