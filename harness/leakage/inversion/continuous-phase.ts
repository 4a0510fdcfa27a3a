import { type BlockOrientation, blockCentre } from './orientation-from-minutiae.ts';

/**
 * A continuous ridge phase: per block, a unit normal to the ridges (its sign is the block's phase
 * convention) and the phase at the block centre. The image cos(ψ) has crests (ridges) at ψ ≡ 0.
 */
export interface ContinuousPhase {
  readonly field: BlockOrientation;
  readonly period: number;
  /** 1 where the block was reached (inside the print), else 0. */
  readonly assigned: Uint8Array;
  readonly nx: Float32Array;
  readonly ny: Float32Array;
  readonly phase: Float32Array;
}

const NEIGHBOURS = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
  [1, 1],
  [-1, -1],
  [1, -1],
  [-1, 1],
] as const;

/**
 * Stage 3: the continuous phase (Feng & Jain 2011's smooth part of the FM model), grown block by
 * block outwards from `start`: each new block is a plane wave of the local orientation and period
 * whose normal agrees with its already-grown neighbours and whose phase is the circular mean of
 * theirs carried across by the mean normal (the trapezoid rule on ∇ψ = 2π/T · n). Around a core or
 * a delta no consistent normal exists; growth meets itself there with opposite normals, and that
 * seam is where spurious ridge endings can appear, as in the original method.
 */
export function growContinuousPhase(
  field: BlockOrientation,
  inside: Uint8Array,
  period: number,
  start: { c: number; r: number },
): ContinuousPhase {
  const { cols, rows, block } = field;
  const n = cols * rows;
  const assigned = new Uint8Array(n);
  const nx = new Float32Array(n);
  const ny = new Float32Array(n);
  const phase = new Float32Array(n);
  const k = (2 * Math.PI) / period;
  const first = start.r * cols + start.c;
  nx[first] = -Math.sin(field.theta[first]);
  ny[first] = Math.cos(field.theta[first]);
  assigned[first] = 1;
  const queue = [first];
  const queued = new Uint8Array(n);
  queued[first] = 1;
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head];
    const c = i % cols;
    const r = (i - c) / cols;
    if (!assigned[i]) assign(i, c, r);
    for (const [dc, dr] of NEIGHBOURS) {
      const cc = c + dc;
      const rr = r + dr;
      if (cc < 0 || rr < 0 || cc >= cols || rr >= rows) continue;
      const j = rr * cols + cc;
      if (queued[j] || !inside[j]) continue;
      queued[j] = 1;
      queue.push(j);
    }
  }
  return { field, period, assigned, nx, ny, phase };

  function assign(i: number, c: number, r: number): void {
    let sx = 0;
    let sy = 0;
    for (const [dc, dr] of NEIGHBOURS) {
      const j = neighbour(c + dc, r + dr);
      if (j < 0) continue;
      sx += nx[j];
      sy += ny[j];
    }
    let ux = -Math.sin(field.theta[i]);
    let uy = Math.cos(field.theta[i]);
    if (ux * sx + uy * sy < 0) {
      ux = -ux;
      uy = -uy;
    }
    nx[i] = ux;
    ny[i] = uy;
    let pc = 0;
    let ps = 0;
    for (const [dc, dr] of NEIGHBOURS) {
      const j = neighbour(c + dc, r + dr);
      if (j < 0 || nx[j] * ux + ny[j] * uy <= 0) continue;
      const mx = (nx[j] + ux) / 2;
      const my = (ny[j] + uy) / 2;
      const carried = phase[j] + k * block * (-dc * mx - dr * my);
      pc += Math.cos(carried);
      ps += Math.sin(carried);
    }
    phase[i] = Math.atan2(ps, pc);
    assigned[i] = 1;
  }

  function neighbour(cc: number, rr: number): number {
    if (cc < 0 || rr < 0 || cc >= cols || rr >= rows) return -1;
    const j = rr * cols + cc;
    return assigned[j] ? j : -1;
  }
}

/** The block whose centre is nearest (x, y), clamped to the grid. */
export function blockOf(field: BlockOrientation, x: number, y: number): { c: number; r: number } {
  const c = Math.min(field.cols - 1, Math.max(0, Math.floor(x / field.block)));
  const r = Math.min(field.rows - 1, Math.max(0, Math.floor(y / field.block)));
  return { c, r };
}

/**
 * The continuous phase at a point, in the convention of the nearest grown block, and that
 * block's normal: the plane waves of the four surrounding blocks, aligned to that convention,
 * blended by their bilinear weights as unit phasors. NaN outside the grown area.
 */
export function phaseAt(p: ContinuousPhase, x: number, y: number): { psi: number; nx: number; ny: number } {
  const { cols, rows, block } = p.field;
  const u = x / block - 0.5;
  const v = y / block - 0.5;
  const c0 = Math.floor(u);
  const r0 = Math.floor(v);
  const fu = u - c0;
  const fv = v - r0;
  const k = (2 * Math.PI) / p.period;
  let ref = -1;
  let refWeight = -1;
  const idx = [-1, -1, -1, -1];
  const wts = [(1 - fu) * (1 - fv), fu * (1 - fv), (1 - fu) * fv, fu * fv];
  for (let q = 0; q < 4; q++) {
    const c = Math.min(cols - 1, Math.max(0, c0 + (q & 1)));
    const r = Math.min(rows - 1, Math.max(0, r0 + (q >> 1)));
    const j = r * cols + c;
    if (!p.assigned[j]) continue;
    idx[q] = j;
    if (wts[q] > refWeight) {
      refWeight = wts[q];
      ref = j;
    }
  }
  if (ref < 0) return { psi: Number.NaN, nx: 0, ny: 0 };
  let sc = 0;
  let ss = 0;
  for (let q = 0; q < 4; q++) {
    const j = idx[q];
    if (j < 0) continue;
    const cx = blockCentre(j % cols, block);
    const cy = blockCentre(Math.floor(j / cols), block);
    let psi = p.phase[j] + k * (p.nx[j] * (x - cx) + p.ny[j] * (y - cy));
    if (p.nx[j] * p.nx[ref] + p.ny[j] * p.ny[ref] < 0) psi = -psi;
    sc += wts[q] * Math.cos(psi);
    ss += wts[q] * Math.sin(psi);
  }
  return { psi: Math.atan2(ss, sc), nx: p.nx[ref], ny: p.ny[ref] };
}
