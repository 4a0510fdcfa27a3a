import type { GrayImage } from '../../../sim/image/gray-image.ts';
import { type Axis, RONCHI_FREQUENCY } from '../target-catalogue.ts';
import { meanProfile, median, percentile } from './line-profile.ts';

const MM_PER_INCH = 25.4;
/** Edges closer than this share of a half period are noise or a defect, not a bar edge. */
const MIN_GAP = 0.4;
/** Border left out of every measurement: the platen's rim is not part of the imaged area. */
export const MARGIN = 0.03;
const STRIP_PX = 8;

export interface Crossing {
  at: number;
  rising: boolean;
}

/** Sub-pixel crossings of `level`, dropping pairs closer than `minGap` (a dip inside a bar). */
export function crossings(
  p: ArrayLike<number>,
  level: number,
  minGap: number,
  from = 0,
  to = p.length,
): Crossing[] {
  const raw: Crossing[] = [];
  for (let i = Math.max(0, from); i + 1 < Math.min(p.length, to); i++) {
    const a = p[i] - level;
    const b = p[i + 1] - level;
    if (a === 0 || a * b < 0) raw.push({ at: i + (a === 0 ? 0 : a / (a - b)), rising: b > a });
  }
  const out: Crossing[] = [];
  for (const c of raw) {
    const prev = out[out.length - 1];
    if (prev && c.at - prev.at < minGap) out.pop();
    else out.push(c);
  }
  return out;
}

/** Half-width (px) of the gradient window an edge is refined over: wider than any blur a device may show. */
const EDGE_WINDOW = 4;

/**
 * Refines a threshold crossing to the centroid of the gradient magnitude around it. The linear
 * interpolation of a crossing is biased by up to a third of a pixel depending on where the edge
 * falls between samples; the gradient of a blurred, box-sampled edge is symmetric about the true
 * edge, so its centroid is not (Appendix F's 0.0007 in is 0.35 px at 500 ppi).
 */
export function refineEdge(p: ArrayLike<number>, at: number): number {
  const c = Math.round(at);
  let sw = 0;
  let sx = 0;
  for (let i = Math.max(0, c - EDGE_WINDOW); i < Math.min(p.length - 1, c + EDGE_WINDOW); i++) {
    const g = Math.abs(p[i + 1] - p[i]);
    sw += g;
    sx += g * (i + 0.5);
  }
  return sw > 0 ? sx / sw : at;
}

/** Pixels per Ronchi period (1 mm) the device should show at its nominal resolution. */
export function nominalPeriodPx(ppi: number): number {
  return ppi / MM_PER_INCH / RONCHI_FREQUENCY;
}

/** Edge positions numbered by period, so that a dropped edge does not shift the others' numbers. */
function numbered(edges: number[], periodPx: number): { k: number; at: number }[] {
  if (edges.length === 0) return [];
  const diffs = edges.slice(1).map((e, i) => e - edges[i]);
  const period =
    diffs.length > 0
      ? median(diffs.filter((d) => d > 0.5 * periodPx && d < 1.5 * periodPx)) || periodPx
      : periodPx;
  // Numbered step by step from the neighbour: rounding each edge's distance from the first would
  // misnumber the far edges of a wide (slap) platen once small scale errors add up to half a period.
  const out = [{ k: 0, at: edges[0] }];
  for (let i = 1; i < edges.length; i++)
    out.push({ k: out[i - 1].k + Math.max(1, Math.round((edges[i] - edges[i - 1]) / period)), at: edges[i] });
  return out;
}

function slope(points: { k: number; at: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mk = points.reduce((s, p) => s + p.k, 0) / n;
  const ma = points.reduce((s, p) => s + p.at, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.k - mk) * (p.at - ma);
    sxx += (p.k - mk) ** 2;
  }
  return sxx > 0 ? sxy / sxx : Number.NaN;
}

function edgeLevel(p: Float64Array): number {
  return (percentile(p, 0.1) + percentile(p, 0.9)) / 2;
}

function span(len: number): { from: number; to: number } {
  return { from: Math.round(len * MARGIN), to: Math.round(len * (1 - MARGIN)) };
}

/** Rising and falling edges of a Ronchi capture over the strip [from, to) of the other axis. */
export function ronchiEdges(
  img: GrayImage,
  axis: Axis,
  from: number,
  to: number,
  mask: Uint8Array | null,
  ppi: number,
) {
  const p = meanProfile(img, axis, from, to, mask);
  const s = span(p.length);
  const c = crossings(p, edgeLevel(p), MIN_GAP * nominalPeriodPx(ppi) * 0.5, s.from, s.to);
  const at = (e: Crossing) => refineEdge(p, e.at);
  return { rising: c.filter((e) => e.rising).map(at), falling: c.filter((e) => !e.rising).map(at) };
}

/**
 * The device's true sampling resolution along `axis` (ppi), from the pitch of the Ronchi ruling
 * over the whole imaged area: the slope of edge position against period number.
 */
export function measuredPpi(img: GrayImage, axis: Axis, mask: Uint8Array | null, nominalPpi: number): number {
  const other = axis === 'x' ? img.height : img.width;
  const s = span(other);
  const e = ronchiEdges(img, axis, s.from, s.to, mask, nominalPpi);
  const period = nominalPeriodPx(nominalPpi);
  const slopes = [slope(numbered(e.rising, period)), slope(numbered(e.falling, period))].filter(
    Number.isFinite,
  );
  if (slopes.length === 0) return Number.NaN;
  return (slopes.reduce((a, b) => a + b, 0) / slopes.length) * MM_PER_INCH * RONCHI_FREQUENCY;
}

export interface AcrossCase {
  xInch: number;
  dInch: number;
}

/**
 * Across-bar cases: for every pair of same-polarity edges in each 8-pixel strip, the true distance
 * X (whole periods of the 1 cy/mm ruling) against the distance Y measured at the nominal resolution.
 */
export function acrossBarCases(
  img: GrayImage,
  axis: Axis,
  mask: Uint8Array | null,
  nominalPpi: number,
  maxInch = 1.5,
): AcrossCase[] {
  const other = axis === 'x' ? img.height : img.width;
  const s = span(other);
  const out: AcrossCase[] = [];
  const period = nominalPeriodPx(nominalPpi);
  for (let from = s.from; from + STRIP_PX <= s.to; from += STRIP_PX) {
    const e = ronchiEdges(img, axis, from, from + STRIP_PX, mask, nominalPpi);
    for (const edges of [e.rising, e.falling]) {
      const n = numbered(edges, period);
      for (let i = 0; i < n.length; i++) {
        for (let j = i + 1; j < n.length; j++) {
          const xInch = (n[j].k - n[i].k) / RONCHI_FREQUENCY / MM_PER_INCH;
          if (xInch <= 0 || xInch > maxInch) continue;
          const yInch = (n[j].at - n[i].at) / nominalPpi;
          out.push({ xInch, dInch: Math.abs(yInch - xInch) });
        }
      }
    }
  }
  return out;
}

/**
 * Along-bar cases: each bar edge followed strip by strip along its length; the case value is the
 * spread (max − min) of its position across the bar, in inches, over at most 1.5 in of bar.
 */
export function alongBarCases(
  img: GrayImage,
  axis: Axis,
  mask: Uint8Array | null,
  nominalPpi: number,
): number[] {
  const other = axis === 'x' ? img.height : img.width;
  const s = span(other);
  const maxLen = Math.min(s.to - s.from, Math.round(1.5 * nominalPpi));
  const mid = Math.round((s.from + s.to) / 2);
  const first = Math.max(s.from, mid - Math.floor(maxLen / 2));
  const strips: number[] = [];
  for (let from = first; from + STRIP_PX <= first + maxLen; from += STRIP_PX) strips.push(from);
  const midStrip = Math.floor(strips.length / 2);
  const half = nominalPeriodPx(nominalPpi) / 2;
  const start = ronchiEdges(
    img,
    axis,
    strips[midStrip],
    strips[midStrip] + STRIP_PX,
    mask,
    nominalPpi,
  ).rising;
  const byStrip = strips.map((from) => meanProfile(img, axis, from, from + STRIP_PX, mask));
  const levels = byStrip.map(edgeLevel);
  const out: number[] = [];
  for (const e0 of start) {
    const pos = new Array<number>(strips.length).fill(Number.NaN);
    pos[midStrip] = e0;
    let lost = false;
    for (const dir of [-1, 1]) {
      let prev = e0;
      for (let i = midStrip + dir; i >= 0 && i < strips.length; i += dir) {
        const p = byStrip[i];
        const c = crossings(
          p,
          levels[i],
          MIN_GAP * half,
          Math.floor(prev - half),
          Math.ceil(prev + half) + 1,
        ).filter((x) => x.rising);
        if (c.length === 0) {
          lost = true;
          break;
        }
        const best = c.reduce((a, b) => (Math.abs(b.at - prev) < Math.abs(a.at - prev) ? b : a));
        pos[i] = refineEdge(p, best.at);
        prev = pos[i];
      }
    }
    if (lost) continue;
    out.push((Math.max(...pos) - Math.min(...pos)) / nominalPpi);
  }
  return out;
}
