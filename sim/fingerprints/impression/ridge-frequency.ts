import type { GrayImage } from '../../image/gray-image.ts';

/** The dominant ridge period in a square block of an image, and how strongly it dominates. */
export interface LocalPeriod {
  readonly period: number;
  /** Peak power over mean power in the searched band: ≫ 1 for clean ridges, ~1 for noise. */
  readonly strength: number;
}

/**
 * Local ridge period by a windowed 2-D Fourier transform of a `size`×`size` block centred at (cx, cy)
 * (Hong, Wan, Jain 1998 estimate frequency per block; we take the spectral peak instead of the
 * x-signature). Frequencies are scanned on a grid finer than the DFT bins, over periods 4–20 px.
 */
export function localRidgePeriod(img: GrayImage, cx: number, cy: number, size = 32): LocalPeriod {
  const x0 = Math.round(cx - size / 2);
  const y0 = Math.round(cy - size / 2);
  const block = new Float64Array(size * size);
  let mean = 0;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const xx = Math.min(img.width - 1, Math.max(0, x0 + x));
      const yy = Math.min(img.height - 1, Math.max(0, y0 + y));
      block[y * size + x] = img.data[yy * img.width + xx];
      mean += block[y * size + x];
    }
  mean /= size * size;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const w =
        (0.5 - 0.5 * Math.cos((2 * Math.PI * (x + 0.5)) / size)) *
        (0.5 - 0.5 * Math.cos((2 * Math.PI * (y + 0.5)) / size));
      block[y * size + x] = (block[y * size + x] - mean) * w;
    }
  let best = 0;
  let bestX = 0;
  let bestY = 0;
  let total = 0;
  let count = 0;
  const coarse = 0.01;
  for (let fx = -0.25; fx <= 0.25 + 1e-9; fx += coarse) {
    const rows = rowTransform(block, size, fx);
    for (let fy = 0; fy <= 0.25 + 1e-9; fy += coarse) {
      const f = Math.hypot(fx, fy);
      if (f < 1 / 20 || f > 1 / 4 || (fy === 0 && fx < 0)) continue;
      const power = columnPower(rows, size, fy);
      total += power;
      count++;
      if (power > best) {
        best = power;
        bestX = fx;
        bestY = fy;
      }
    }
  }
  // Refine the peak on a grid ten times finer around the coarse maximum.
  const cx0 = bestX;
  const cy0 = bestY;
  for (let dx = -coarse; dx <= coarse + 1e-9; dx += coarse / 10) {
    const rows = rowTransform(block, size, cx0 + dx);
    for (let dy = -coarse; dy <= coarse + 1e-9; dy += coarse / 10) {
      const power = columnPower(rows, size, cy0 + dy);
      if (power > best) {
        best = power;
        bestX = cx0 + dx;
        bestY = cy0 + dy;
      }
    }
  }
  const bestPeriod = best > 0 ? 1 / Math.hypot(bestX, bestY) : Number.NaN;
  return { period: bestPeriod, strength: count > 0 && total > 0 ? best / (total / count) : 0 };
}

/** Σₓ v(x, y)·e^{−2πi·fx·x} for every row y, as interleaved (re, im). */
function rowTransform(block: Float64Array, size: number, fx: number): Float64Array {
  const out = new Float64Array(2 * size);
  const c = new Float64Array(size);
  const s = new Float64Array(size);
  for (let x = 0; x < size; x++) {
    c[x] = Math.cos(2 * Math.PI * fx * x);
    s[x] = Math.sin(2 * Math.PI * fx * x);
  }
  for (let y = 0; y < size; y++) {
    let re = 0;
    let im = 0;
    for (let x = 0; x < size; x++) {
      const v = block[y * size + x];
      re += v * c[x];
      im -= v * s[x];
    }
    out[2 * y] = re;
    out[2 * y + 1] = im;
  }
  return out;
}

/** |Σ_y rows(y)·e^{−2πi·fy·y}|²: the block's power at (fx, fy). */
function columnPower(rows: Float64Array, size: number, fy: number): number {
  let re = 0;
  let im = 0;
  for (let y = 0; y < size; y++) {
    const c = Math.cos(2 * Math.PI * fy * y);
    const s = Math.sin(2 * Math.PI * fy * y);
    re += rows[2 * y] * c + rows[2 * y + 1] * s;
    im += rows[2 * y + 1] * c - rows[2 * y] * s;
  }
  return re * re + im * im;
}
