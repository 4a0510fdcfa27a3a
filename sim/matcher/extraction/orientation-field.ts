import { EXTRACTION } from './extraction-parameters.ts';
import { gaussianBlur } from './grid-filters.ts';
import type { FloatImage } from './normalization.ts';

/**
 * Ridge orientation per pixel in radians in [0, π), image coordinates (x right, y down), as in
 * the master fingerprint; and coherence in [0, 1], how consistently oriented the gradients
 * around the pixel are (1 = perfectly parallel ridges, 0 = noise): the reliability map.
 */
export interface OrientationField {
  width: number;
  height: number;
  angle: Float32Array;
  coherence: Float32Array;
  /** The smoothed doubled-angle vectors on the cell grid, for the Poincaré index. */
  cell: number;
  cellsX: number;
  cellsY: number;
  cellCos2: Float32Array;
  cellSin2: Float32Array;
}

const P = EXTRACTION.orientation;

/** Gradient tensor sums per cell: (gxx − gyy, 2gxy, gxx + gyy), the doubled-angle representation. */
function cellTensors(img: FloatImage, cw: number, ch: number, region?: Uint8Array) {
  const { width, height, values } = img;
  const c = P.cell;
  const a = new Float32Array(cw * ch);
  const b = new Float32Array(cw * ch);
  const e = new Float32Array(cw * ch);
  for (let y = 1; y < height - 1; y++) {
    const cy = Math.floor(y / c) * cw;
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      if (region && !region[i]) continue;
      // Sobel: symmetric, so the doubled angle is unbiased.
      const gx =
        values[i - width + 1] +
        2 * values[i + 1] +
        values[i + width + 1] -
        values[i - width - 1] -
        2 * values[i - 1] -
        values[i + width - 1];
      const gy =
        values[i + width - 1] +
        2 * values[i + width] +
        values[i + width + 1] -
        values[i - width - 1] -
        2 * values[i - width] -
        values[i - width + 1];
      const k = cy + Math.floor(x / c);
      a[k] += gx * gx - gy * gy;
      b[k] += 2 * gx * gy;
      e[k] += gx * gx + gy * gy;
    }
  }
  return { a, b, e };
}

/** Per output coordinate: the two grid cells it lies between and the weight of the second. */
function interpolationAxis(size: number, cell: number, cells: number) {
  const lo = new Int32Array(size);
  const hi = new Int32Array(size);
  const frac = new Float32Array(size);
  for (let p = 0; p < size; p++) {
    const g = Math.min(cells - 1, Math.max(0, (p + 0.5) / cell - 0.5));
    lo[p] = Math.floor(g);
    hi[p] = Math.min(cells - 1, lo[p] + 1);
    frac[p] = g - lo[p];
  }
  return { lo, hi, frac };
}

/**
 * Gradient-based orientation (Kass & Witkin; Bazen & Gerez 2002): Sobel gradients, tensor sums
 * on 4-px cells smoothed with a Gaussian, coherence from the smoothed tensor; then a second,
 * coherence-weighted smoothing of the unit doubled-angle vectors, so that noisy patches borrow
 * the orientation of reliable neighbours (Hong, Wan & Jain 1998). Per-pixel values are computed
 * only inside `region` when given (elsewhere 0): the foreground with a margin.
 */
export function orientationField(img: FloatImage, region?: Uint8Array): OrientationField {
  const c = P.cell;
  const cw = Math.ceil(img.width / c);
  const ch = Math.ceil(img.height / c);
  const t = cellTensors(img, cw, ch, region);
  const a = gaussianBlur(t.a, cw, ch, P.sigma);
  const b = gaussianBlur(t.b, cw, ch, P.sigma);
  const e = gaussianBlur(t.e, cw, ch, P.sigma);
  const cellCoherence = new Float32Array(cw * ch);
  const wc = new Float32Array(cw * ch);
  const ws = new Float32Array(cw * ch);
  for (let i = 0; i < a.length; i++) {
    const m = Math.hypot(a[i], b[i]);
    cellCoherence[i] = e[i] > 1e-6 ? m / e[i] : 0;
    if (m > 1e-9) {
      wc[i] = (a[i] / m) * cellCoherence[i];
      ws[i] = (b[i] / m) * cellCoherence[i];
    }
  }
  const cellCos2 = gaussianBlur(wc, cw, ch, P.smoothSigma);
  const cellSin2 = gaussianBlur(ws, cw, ch, P.smoothSigma);
  const { width, height } = img;
  const angle = new Float32Array(width * height);
  const coherence = new Float32Array(width * height);
  const ax = interpolationAxis(width, c, cw);
  const ay = interpolationAxis(height, c, ch);
  for (let y = 0; y < height; y++) {
    const r0 = ay.lo[y] * cw;
    const r1 = ay.hi[y] * cw;
    const fy = ay.frac[y];
    for (let x = 0; x < width; x++) {
      if (region && !region[y * width + x]) continue;
      const x0 = ax.lo[x];
      const x1 = ax.hi[x];
      const fx = ax.frac[x];
      const w00 = (1 - fx) * (1 - fy);
      const w01 = fx * (1 - fy);
      const w10 = (1 - fx) * fy;
      const w11 = fx * fy;
      const cc =
        cellCos2[r0 + x0] * w00 + cellCos2[r0 + x1] * w01 + cellCos2[r1 + x0] * w10 + cellCos2[r1 + x1] * w11;
      const ss =
        cellSin2[r0 + x0] * w00 + cellSin2[r0 + x1] * w01 + cellSin2[r1 + x0] * w10 + cellSin2[r1 + x1] * w11;
      // The gradient is across the ridges; the ridge runs at a right angle to it.
      let th = 0.5 * Math.atan2(ss, cc) + Math.PI / 2;
      if (th >= Math.PI) th -= Math.PI;
      const i = y * width + x;
      angle[i] = th;
      coherence[i] =
        cellCoherence[r0 + x0] * w00 +
        cellCoherence[r0 + x1] * w01 +
        cellCoherence[r1 + x0] * w10 +
        cellCoherence[r1 + x1] * w11;
    }
  }
  return { width, height, angle, coherence, cell: c, cellsX: cw, cellsY: ch, cellCos2, cellSin2 };
}
