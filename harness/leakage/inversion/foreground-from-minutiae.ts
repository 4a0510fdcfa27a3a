import { convexHull, withinHull } from '../../../sim/matcher/mcc/convex-hull.ts';
import type { FingerTemplate } from '../../../sim/matcher/template.ts';

export const FOREGROUND_FROM_MINUTIAE = {
  /**
   * Pixels of ridge pattern drawn beyond the minutiae's convex hull. Extractors discard minutiae
   * near the edge of the print (dactylo's within about two ridge periods), so the stored outer
   * minutiae survive only if ridges continue past them.
   */
  margin: 28,
} as const;

/** The print's area as the template implies it: its minutiae's convex hull, grown by `margin`. */
export function foregroundFromMinutiae(
  t: FingerTemplate,
  margin: number = FOREGROUND_FROM_MINUTIAE.margin,
): Uint8Array {
  const xs = Float64Array.from(t.minutiae, (m) => m.x);
  const ys = Float64Array.from(t.minutiae, (m) => m.y);
  const hull = convexHull(xs, ys);
  const mask = new Uint8Array(t.width * t.height);
  for (let y = 0; y < t.height; y++)
    for (let x = 0; x < t.width; x++) if (withinHull(hull, x, y, margin)) mask[y * t.width + x] = 1;
  return mask;
}
