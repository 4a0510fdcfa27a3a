import type { Random } from '../../random/index.ts';

/**
 * Random fields and marks that make an impression look captured rather than drawn: smooth value
 * noise (shading, dry-skin speckle, pores), pixel noise, optics blur, and line marks (skin creases,
 * platen scratches). Every draw comes from the Random handed in, so the same stream gives the same field.
 */

/** Value noise in [−1, 1] with features about `cell` pixels across (smoothstep-interpolated lattice). */
export function valueNoise(random: Random, width: number, height: number, cell: number): Float32Array {
  const gw = Math.ceil(width / cell) + 2;
  const gh = Math.ceil(height / cell) + 2;
  const lattice = new Float32Array(gw * gh);
  for (let i = 0; i < lattice.length; i++) lattice[i] = 2 * random.float() - 1;
  const out = new Float32Array(width * height);
  const wx = new Float32Array(width);
  const ix = new Int32Array(width);
  for (let x = 0; x < width; x++) {
    const gx = x / cell;
    ix[x] = Math.floor(gx);
    const f = gx - ix[x];
    wx[x] = f * f * (3 - 2 * f);
  }
  for (let y = 0; y < height; y++) {
    const gy = y / cell;
    const j = Math.floor(gy);
    let fy = gy - j;
    fy = fy * fy * (3 - 2 * fy);
    const r0 = j * gw;
    const r1 = r0 + gw;
    const o = y * width;
    for (let x = 0; x < width; x++) {
      const i = ix[x];
      const fx = wx[x];
      const top = lattice[r0 + i] + (lattice[r0 + i + 1] - lattice[r0 + i]) * fx;
      const bottom = lattice[r1 + i] + (lattice[r1 + i + 1] - lattice[r1 + i]) * fx;
      out[o + x] = top + (bottom - top) * fy;
    }
  }
  return out;
}

/**
 * Adds zero-mean, nearly Gaussian noise of standard deviation `sigma` in place: the sum of the four
 * bytes of one 32-bit draw (Irwin–Hall, n = 4), a quarter of the cost of an exact normal per pixel.
 */
export function addGaussianNoise(values: Float32Array, random: Random, sigma: number): void {
  if (sigma <= 0) return;
  // Sum of four uniform bytes: mean 510, variance 4·(256² − 1)/12.
  const scale = sigma / Math.sqrt((4 * (256 * 256 - 1)) / 12);
  for (let i = 0; i < values.length; i++) {
    const u = random.uint32();
    values[i] += ((u & 255) + ((u >>> 8) & 255) + ((u >>> 16) & 255) + (u >>> 24) - 510) * scale;
  }
}

function blurLine(
  src: Float32Array,
  dst: Float32Array,
  n: number,
  kernel: Float32Array,
  radius: number,
): void {
  for (let x = 0; x < n; x++) {
    let acc = 0;
    if (x >= radius && x < n - radius) {
      for (let k = -radius; k <= radius; k++) acc += kernel[k + radius] * src[x + k];
    } else {
      for (let k = -radius; k <= radius; k++) {
        const xx = x + k < 0 ? 0 : x + k >= n ? n - 1 : x + k;
        acc += kernel[k + radius] * src[xx];
      }
    }
    dst[x] = acc;
  }
}

/** Separable Gaussian blur in place (edges clamp), the optics' point-spread function. */
export function gaussianBlur(values: Float32Array, width: number, height: number, sigma: number): void {
  if (sigma <= 0) return;
  const radius = Math.max(1, Math.ceil(2.5 * sigma));
  const kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++)
    sum += kernel[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < kernel.length; i++) kernel[i] /= sum;
  const line = new Float32Array(width);
  for (let y = 0; y < height; y++) {
    const row = values.subarray(y * width, (y + 1) * width);
    line.set(row);
    blurLine(line, row, width, kernel, radius);
  }
  // Vertical pass row by row (whole rows of a copy), which keeps memory access sequential.
  const src = Float32Array.from(values);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    values.fill(0, o, o + width);
    for (let k = -radius; k <= radius; k++) {
      const yy = y + k < 0 ? 0 : y + k >= height ? height - 1 : y + k;
      const w = kernel[k + radius];
      const s = yy * width;
      for (let x = 0; x < width; x++) values[o + x] += w * src[s + x];
    }
  }
}

/** A straight mark across the image: a skin crease or a platen scratch. */
export interface LineMark {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  /** Half-width in pixels. */
  readonly width: number;
}

/** `count` marks with endpoints inside a width×height frame, `widthRange` their half-width. */
export function drawLineMarks(
  random: Random,
  count: number,
  width: number,
  height: number,
  widthRange: readonly [number, number],
  direction?: number,
): LineMark[] {
  const marks: LineMark[] = [];
  for (let i = 0; i < count; i++) {
    const cx = random.uniform(0.15, 0.85) * width;
    const cy = random.uniform(0.15, 0.85) * height;
    const angle = direction === undefined ? random.uniform(0, Math.PI) : direction + random.normal(0, 0.25);
    const half = random.uniform(0.2, 0.6) * Math.max(width, height);
    marks.push({
      x0: cx - half * Math.cos(angle),
      y0: cy - half * Math.sin(angle),
      x1: cx + half * Math.cos(angle),
      y1: cy + half * Math.sin(angle),
      width: random.uniform(widthRange[0], widthRange[1]),
    });
  }
  return marks;
}

/**
 * Coverage of each pixel by the marks in [0, 1], written as max(coverage) into `out`: 1 on the centre
 * line, fading linearly to 0 at the half-width.
 */
export function rasterizeLineMarks(
  marks: readonly LineMark[],
  width: number,
  height: number,
  out: Float32Array,
): void {
  for (const m of marks) {
    const pad = m.width + 1;
    const x0 = Math.max(0, Math.floor(Math.min(m.x0, m.x1) - pad));
    const x1 = Math.min(width - 1, Math.ceil(Math.max(m.x0, m.x1) + pad));
    const y0 = Math.max(0, Math.floor(Math.min(m.y0, m.y1) - pad));
    const y1 = Math.min(height - 1, Math.ceil(Math.max(m.y0, m.y1) + pad));
    const vx = m.x1 - m.x0;
    const vy = m.y1 - m.y0;
    const len2 = vx * vx + vy * vy || 1;
    for (let y = y0; y <= y1; y++)
      for (let x = x0; x <= x1; x++) {
        const t = Math.max(0, Math.min(1, ((x - m.x0) * vx + (y - m.y0) * vy) / len2));
        const d = Math.hypot(x - m.x0 - t * vx, y - m.y0 - t * vy);
        const c = 1 - d / m.width;
        const o = y * width + x;
        if (c > out[o]) out[o] = c;
      }
  }
}
