import type { GrayImage } from '../../../sim/image/gray-image.ts';
import { STEP_LEVELS, stepPatch } from '../target-catalogue.ts';
import { median } from './line-profile.ts';

/** Share of each patch read: its core, well clear of the patch borders whatever the device's scale. */
const CORE = 0.5;

/**
 * Median gray of each step-tablet patch (the chart fills the platen, so patch fractions of the
 * chart are fractions of the image). Median, so a defective line through a patch does not bias it.
 */
export function stepPatchGrays(img: GrayImage): { reflectance: number; gray: number }[] {
  return STEP_LEVELS.map((reflectance, i) => {
    const p = stepPatch(i);
    const cx = ((p.x0 + p.x1) / 2) * img.width;
    const cy = ((p.y0 + p.y1) / 2) * img.height;
    const hw = ((p.x1 - p.x0) * img.width * CORE) / 2;
    const hh = ((p.y1 - p.y0) * img.height * CORE) / 2;
    const values: number[] = [];
    for (let y = Math.round(cy - hh); y < Math.round(cy + hh); y++) {
      for (let x = Math.round(cx - hw); x < Math.round(cx + hw); x++)
        values.push(img.data[y * img.width + x]);
    }
    return { reflectance, gray: median(values) };
  });
}

/** Largest distance (gray levels) of a patch from the least-squares line gray = a + b·reflectance. */
export function linearityDeviation(points: { reflectance: number; gray: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.reflectance, 0) / n;
  const my = points.reduce((s, p) => s + p.gray, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.reflectance - mx) * (p.gray - my);
    sxx += (p.reflectance - mx) ** 2;
  }
  const b = sxy / sxx;
  return Math.max(...points.map((p) => Math.abs(p.gray - (my + b * (p.reflectance - mx)))));
}
