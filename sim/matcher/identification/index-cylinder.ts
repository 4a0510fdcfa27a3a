import type { FingerTemplate } from '../template.ts';
import { INDEX_CYLINDER, INDEX_PPI, type IndexCylinderParameters } from './identification-parameters.ts';

/**
 * The index's binary Minutia Cylinder-Code (Cappelli et al. 2010 for the cylinder, 2011 for its use
 * as an index key): around each minutia, in its own frame, a grid of NS×NS spatial cells × ND angular
 * sections; a cell's bit is 1 when the neighbours near it, with a direction difference in its section,
 * add up to the threshold. Only cells on the disc of radius R are kept, so every bit can be set.
 *
 * Built by scattering each neighbour onto the few cells within 3σS of it rather than gathering over all
 * cells: a million gallery templates are coded in minutes, not hours.
 */
export interface CylinderLayout {
  readonly params: IndexCylinderParameters;
  /** Disc index of spatial cell (i·NS + j), or −1 off the disc. */
  readonly discIndex: Int16Array;
  readonly discCells: number;
  readonly bits: number;
  readonly words: number;
  /** Share of the directional Gaussian in each section, for direction differences quantised to 1/ANGLE_STEPS turn. */
  readonly shares: Float64Array;
}

const ANGLE_STEPS = 512;

function directionalShares(p: IndexCylinderParameters): Float64Array {
  const nd = p.directionalCells;
  const shares = new Float64Array(ANGLE_STEPS * nd);
  const width = (2 * Math.PI) / nd;
  const samples = 64;
  for (let s = 0; s < ANGLE_STEPS; s++) {
    const d = -Math.PI + ((s + 0.5) * 2 * Math.PI) / ANGLE_STEPS;
    let total = 0;
    for (let k = 0; k < nd; k++) {
      let sum = 0;
      // Midpoint rule over the section, the Gaussian taken on the circle (difference wrapped to ±π).
      for (let q = 0; q < samples; q++) {
        const a = -Math.PI + (k + (q + 0.5) / samples) * width;
        let diff = a - d;
        diff -= 2 * Math.PI * Math.round(diff / (2 * Math.PI));
        sum += Math.exp(-(diff * diff) / (2 * p.sigmaD * p.sigmaD));
      }
      shares[s * nd + k] = sum;
      total += sum;
    }
    for (let k = 0; k < nd; k++) shares[s * nd + k] /= total;
  }
  return shares;
}

export function cylinderLayout(p: IndexCylinderParameters = INDEX_CYLINDER): CylinderLayout {
  const ns = p.spatialCells;
  const delta = (2 * p.radius) / ns;
  const mid = (ns - 1) / 2;
  const discIndex = new Int16Array(ns * ns).fill(-1);
  let discCells = 0;
  for (let i = 0; i < ns; i++)
    for (let j = 0; j < ns; j++) {
      const dx = (i - mid) * delta;
      const dy = (j - mid) * delta;
      if (dx * dx + dy * dy <= p.radius * p.radius) discIndex[i * ns + j] = discCells++;
    }
  const bits = discCells * p.directionalCells;
  return { params: p, discIndex, discCells, bits, words: Math.ceil(bits / 32), shares: directionalShares(p) };
}

const defaultLayout = cylinderLayout();

/** Reused per thread so that coding a million templates allocates only their results. */
let contribution = new Float64Array(0);
const columnWeight = new Float64Array(64);

/**
 * The binary cylinders of a template's minutiae, `layout.words` words each, in minutia order
 * (minutiae with too few neighbours get none).
 */
export function indexCylinders(
  template: FingerTemplate,
  layout: CylinderLayout = defaultLayout,
): Uint32Array {
  const p = layout.params;
  const n = template.minutiae.length;
  const scale = template.ppi > 0 ? INDEX_PPI / template.ppi : 1;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const angle = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = template.minutiae[i];
    // y up, so that an ISO angle (counter-clockwise as seen) is counter-clockwise in this frame.
    x[i] = m.x * scale;
    y[i] = -m.y * scale;
    angle[i] = m.angle;
  }
  const cells = layout.discCells * p.directionalCells;
  if (contribution.length < cells) contribution = new Float64Array(cells);
  const out = new Uint32Array(n * layout.words);
  let kept = 0;
  for (let m = 0; m < n; m++) {
    if (neighbours(x, y, m, p.radius) < p.minNeighbours) continue;
    contribution.fill(0, 0, cells);
    scatterNeighbours(layout, x, y, angle, m);
    const base = kept * layout.words;
    for (let b = 0; b < cells; b++)
      if (contribution[b] >= p.threshold) out[base + (b >>> 5)] |= 1 << (b & 31);
    kept++;
  }
  return out.slice(0, kept * layout.words);
}

function neighbours(x: Float64Array, y: Float64Array, m: number, radius: number): number {
  let count = 0;
  for (let t = 0; t < x.length; t++) {
    const dx = x[t] - x[m];
    const dy = y[t] - y[m];
    if (t !== m && dx * dx + dy * dy <= radius * radius) count++;
  }
  return count;
}

function scatterNeighbours(
  layout: CylinderLayout,
  x: Float64Array,
  y: Float64Array,
  angle: Float64Array,
  m: number,
): void {
  const p = layout.params;
  const ns = p.spatialCells;
  const nd = p.directionalCells;
  const delta = (2 * p.radius) / ns;
  const mid = (ns - 1) / 2;
  const reach = 3 * p.sigmaS;
  const cos = Math.cos(angle[m]);
  const sin = Math.sin(angle[m]);
  const twoSigma2 = 2 * p.sigmaS * p.sigmaS;
  for (let t = 0; t < x.length; t++) {
    if (t === m) continue;
    const dx = x[t] - x[m];
    const dy = y[t] - y[m];
    // The neighbour in the centre minutia's frame (rotated by −θm).
    const u = dx * cos + dy * sin;
    const v = -dx * sin + dy * cos;
    if (u * u + v * v > (p.radius + reach) ** 2) continue;
    let turn = angle[m] - angle[t];
    turn -= 2 * Math.PI * Math.floor((turn + Math.PI) / (2 * Math.PI));
    const step = Math.min(ANGLE_STEPS - 1, Math.floor(((turn + Math.PI) / (2 * Math.PI)) * ANGLE_STEPS));
    const i0 = Math.max(0, Math.ceil((u - reach) / delta + mid));
    const i1 = Math.min(ns - 1, Math.floor((u + reach) / delta + mid));
    const j0 = Math.max(0, Math.ceil((v - reach) / delta + mid));
    const j1 = Math.min(ns - 1, Math.floor((v + reach) / delta + mid));
    // The spatial Gaussian is separable: a row weight times a column weight, a few exponentials each.
    for (let j = j0; j <= j1; j++) {
      const oy = (j - mid) * delta - v;
      columnWeight[j - j0] = Math.exp(-(oy * oy) / twoSigma2);
    }
    for (let i = i0; i <= i1; i++) {
      const ox = (i - mid) * delta - u;
      const rowWeight = Math.exp(-(ox * ox) / twoSigma2);
      for (let j = j0; j <= j1; j++) {
        const cell = layout.discIndex[i * ns + j];
        if (cell < 0) continue;
        const weight = rowWeight * columnWeight[j - j0];
        for (let k = 0; k < nd; k++) contribution[cell * nd + k] += weight * layout.shares[step * nd + k];
      }
    }
  }
}
