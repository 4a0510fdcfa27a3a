import type { GrayImage } from '../../../sim/image/gray-image.ts';
import type { Axis } from '../target-catalogue.ts';

/**
 * The mean gray along `axis` of the strip [from, to) of the other axis, skipping pixels the defect
 * mask flags: axis 'x' gives one value per column, averaged over rows from..to. Positions where
 * every pixel is defective are interpolated from their neighbours.
 */
export function meanProfile(
  img: GrayImage,
  axis: Axis,
  from: number,
  to: number,
  mask: Uint8Array | null,
): Float64Array {
  const { width: w, height: h, data } = img;
  const len = axis === 'x' ? w : h;
  const lo = Math.max(0, Math.floor(from));
  const hi = Math.min(axis === 'x' ? h : w, Math.ceil(to));
  const out = new Float64Array(len).fill(Number.NaN);
  for (let i = 0; i < len; i++) {
    let s = 0;
    let n = 0;
    for (let j = lo; j < hi; j++) {
      const idx = axis === 'x' ? j * w + i : i * w + j;
      if (mask?.[idx]) continue;
      s += data[idx];
      n++;
    }
    if (n > 0) out[i] = s / n;
  }
  fillGaps(out);
  return out;
}

function fillGaps(p: Float64Array): void {
  let last = -1;
  for (let i = 0; i <= p.length; i++) {
    if (i < p.length && Number.isNaN(p[i])) continue;
    if (i - last > 1) {
      const a = last >= 0 ? p[last] : i < p.length ? p[i] : 0;
      const b = i < p.length ? p[i] : a;
      for (let k = last + 1; k < i; k++) p[k] = a + ((b - a) * (k - last)) / (i - last);
    }
    last = i;
  }
}

export function percentile(values: ArrayLike<number>, q: number): number {
  const s = Array.from(values).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const i = Math.floor(pos);
  return i + 1 < s.length ? s[i] + (s[i + 1] - s[i]) * (pos - i) : s[i];
}

export function median(values: ArrayLike<number>): number {
  return percentile(values, 0.5);
}
