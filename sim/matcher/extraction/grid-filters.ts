/** Small shared filters on row-major float grids (images, cell grids, block grids). */

function gaussianKernel(sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(sigma * 3));
  const k = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const w = Math.exp((-i * i) / (2 * sigma * sigma));
    k[i + radius] = w;
    sum += w;
  }
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  return k;
}

/** Separable Gaussian blur with edge clamping; returns a new grid. */
export function gaussianBlur(
  values: Float32Array,
  width: number,
  height: number,
  sigma: number,
): Float32Array {
  const k = gaussianKernel(sigma);
  const n = k.length;
  const r = (n - 1) / 2;
  // Rows and columns padded by clamping, so the inner loops are plain dot products.
  const line = new Float32Array(Math.max(width, height) + 2 * r);
  const tmp = new Float32Array(values.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let i = 0; i < width + 2 * r; i++) line[i] = values[row + Math.min(width - 1, Math.max(0, i - r))];
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += line[x + i] * k[i];
      tmp[row + x] = s;
    }
  }
  const out = new Float32Array(values.length);
  for (let x = 0; x < width; x++) {
    for (let i = 0; i < height + 2 * r; i++)
      line[i] = tmp[Math.min(height - 1, Math.max(0, i - r)) * width + x];
    for (let y = 0; y < height; y++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += line[y + i] * k[i];
      out[y * width + x] = s;
    }
  }
  return out;
}

/** Means over (2r+1)² windows, clipped at the edges, from a summed-area table: O(1) per pixel. */
export function boxMean(
  values: Float32Array | Uint8Array,
  width: number,
  height: number,
  r: number,
): Float32Array {
  const w1 = width + 1;
  const sat = new Float64Array(w1 * (height + 1));
  for (let y = 0; y < height; y++) {
    let rowSum = 0;
    for (let x = 0; x < width; x++) {
      rowSum += values[y * width + x];
      sat[(y + 1) * w1 + x + 1] = sat[y * w1 + x + 1] + rowSum;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(height, y + r + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(width, x + r + 1);
      const s = sat[y1 * w1 + x1] - sat[y0 * w1 + x1] - sat[y1 * w1 + x0] + sat[y0 * w1 + x0];
      out[y * width + x] = s / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}

/**
 * Chamfer (3-4) distance in pixels from every mask pixel to the nearest pixel outside the mask
 * (the image edge counts as outside); 0 outside.
 */
export function distanceToEdge(mask: Uint8Array, width: number, height: number): Float32Array {
  // A one-pixel frame of zeros stands for the outside, so the scans need no bounds checks.
  const w = width + 2;
  const d = new Float32Array(w * (height + 2));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) d[(y + 1) * w + x + 1] = mask[y * width + x] ? 1e9 : 0;
  }
  for (let y = 1; y <= height; y++) {
    for (let x = 1; x <= width; x++) {
      const i = y * w + x;
      let v = d[i];
      if (v === 0) continue;
      const a = d[i - 1] + 3;
      const b = d[i - w] + 3;
      const c = d[i - w - 1] + 4;
      const e = d[i - w + 1] + 4;
      if (a < v) v = a;
      if (b < v) v = b;
      if (c < v) v = c;
      if (e < v) v = e;
      d[i] = v;
    }
  }
  for (let y = height; y >= 1; y--) {
    for (let x = width; x >= 1; x--) {
      const i = y * w + x;
      let v = d[i];
      if (v === 0) continue;
      const a = d[i + 1] + 3;
      const b = d[i + w] + 3;
      const c = d[i + w + 1] + 4;
      const e = d[i + w - 1] + 4;
      if (a < v) v = a;
      if (b < v) v = b;
      if (c < v) v = c;
      if (e < v) v = e;
      d[i] = v;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) out[y * width + x] = d[(y + 1) * w + x + 1] / 3;
  }
  return out;
}
