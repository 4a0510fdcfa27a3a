import type { GrayImage } from '../../../sim/image/gray-image.ts';
import { MARGIN } from './bar-geometry.ts';

/** The quarter-inch areas and row/column segments the uniformity clauses are written in. */
const AREA_INCH = 0.25;

export interface Cell {
  x0: number;
  y0: number;
  size: number;
}

/** Independent quarter-inch cells tiling the imaged area (the rim left out), row by row. */
export function quarterInchCells(img: GrayImage, ppi: number): Cell[] {
  const size = Math.round(AREA_INCH * ppi);
  const x0 = Math.round(img.width * MARGIN);
  const y0 = Math.round(img.height * MARGIN);
  const x1 = Math.round(img.width * (1 - MARGIN));
  const y1 = Math.round(img.height * (1 - MARGIN));
  const nx = Math.floor((x1 - x0) / size);
  const ny = Math.floor((y1 - y0) / size);
  // Centre the tiling so both rims are left out alike.
  const ox = x0 + Math.floor((x1 - x0 - nx * size) / 2);
  const oy = y0 + Math.floor((y1 - y0 - ny * size) / 2);
  const cells: Cell[] = [];
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) cells.push({ x0: ox + i * size, y0: oy + j * size, size });
  return cells;
}

export function cellMean(img: GrayImage, c: Cell, mask: Uint8Array | null = null): number {
  let s = 0;
  let n = 0;
  for (let y = c.y0; y < c.y0 + c.size; y++) {
    for (let x = c.x0; x < c.x0 + c.size; x++) {
      const i = y * img.width + x;
      if (mask?.[i]) continue;
      s += img.data[i];
      n++;
    }
  }
  return n > 0 ? s / n : Number.NaN;
}

/**
 * Noise in a cell: the standard deviation of the pixels about a fitted plane, so that the slow
 * illumination fall-off (scored by small-area uniformity) is not counted as noise. Defective
 * pixels are skipped.
 */
export function cellNoise(img: GrayImage, c: Cell, mask: Uint8Array | null): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sv = 0;
  let sxx = 0;
  let syy = 0;
  let sxv = 0;
  let syv = 0;
  for (let y = 0; y < c.size; y++) {
    for (let x = 0; x < c.size; x++) {
      const i = (c.y0 + y) * img.width + c.x0 + x;
      if (mask?.[i]) continue;
      const v = img.data[i];
      n++;
      sx += x;
      sy += y;
      sv += v;
      sxx += x * x;
      syy += y * y;
      sxv += x * v;
      syv += y * v;
    }
  }
  if (n < 3) return Number.NaN;
  // The cell is a full square, so x and y are (nearly) uncorrelated: fit each slope on its own.
  const mx = sx / n;
  const my = sy / n;
  const mv = sv / n;
  const bx = (sxv / n - mx * mv) / (sxx / n - mx * mx || 1);
  const by = (syv / n - my * mv) / (syy / n - my * my || 1);
  let ss = 0;
  for (let y = 0; y < c.size; y++) {
    for (let x = 0; x < c.size; x++) {
      const i = (c.y0 + y) * img.width + c.x0 + x;
      if (mask?.[i]) continue;
      const r = img.data[i] - (mv + bx * (x - mx) + by * (y - my));
      ss += r * r;
    }
  }
  return Math.sqrt(ss / (n - 3));
}

/**
 * Adjacent row and column differences: the mean gray of every quarter-inch row segment against
 * the same segment of the next row (and likewise for columns), over the imaged area.
 */
export function adjacentLineDifferences(img: GrayImage, ppi: number): number[] {
  const seg = Math.round(AREA_INCH * ppi);
  const x0 = Math.round(img.width * MARGIN);
  const y0 = Math.round(img.height * MARGIN);
  const x1 = Math.round(img.width * (1 - MARGIN));
  const y1 = Math.round(img.height * (1 - MARGIN));
  const out: number[] = [];
  const w = img.width;
  const d = img.data;
  for (let sx = x0; sx + seg <= x1; sx += seg) {
    let prev = Number.NaN;
    for (let y = y0; y < y1; y++) {
      let s = 0;
      for (let x = sx; x < sx + seg; x++) s += d[y * w + x];
      const m = s / seg;
      if (!Number.isNaN(prev)) out.push(Math.abs(m - prev));
      prev = m;
    }
  }
  for (let sy = y0; sy + seg <= y1; sy += seg) {
    let prev = Number.NaN;
    for (let x = x0; x < x1; x++) {
      let s = 0;
      for (let y = sy; y < sy + seg; y++) s += d[y * w + x];
      const m = s / seg;
      if (!Number.isNaN(prev)) out.push(Math.abs(m - prev));
      prev = m;
    }
  }
  return out;
}

/** Share of a cell's pixels within `limit` gray levels of the cell's mean. */
export function shareWithin(img: GrayImage, c: Cell, limit: number): number {
  const mean = cellMean(img, c);
  let ok = 0;
  for (let y = c.y0; y < c.y0 + c.size; y++) {
    for (let x = c.x0; x < c.x0 + c.size; x++)
      if (Math.abs(img.data[y * img.width + x] - mean) <= limit) ok++;
  }
  return ok / (c.size * c.size);
}
