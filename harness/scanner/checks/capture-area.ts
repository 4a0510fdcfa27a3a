import { type ConformanceCheck, judged, notMeasured, round } from '../check.ts';

const MM_PER_INCH = 25.4;

/**
 * Capture area and image dimensions: every capture the same size, and that size at the nominal
 * resolution at least the spec's plain single-finger area. Value: the smaller of width/required
 * and height/required.
 */
export const captureArea: ConformanceCheck = {
  id: 'capture-area',
  title: 'Capture area and image dimensions',
  rationale: 'A platen smaller than a fingertip loses minutiae at the edges of every print.',
  applies: () => true,
  clause: (spec) => spec.captureArea.clause,
  run(ctx) {
    const a = ctx.spec.captureArea;
    const limit = `≥ ${a.widthMm} × ${a.heightMm} mm at the nominal resolution; all captures the same size`;
    const sizes = new Set<string>();
    let w = 0;
    let h = 0;
    for (const id of [
      'flat-white',
      'flat-black',
      'ronchi-x',
      'ronchi-y',
      'sine-x',
      'sine-y',
      'bars-x',
      'bars-y',
      'gray-steps',
    ]) {
      const t = ctx.target(id);
      if (!t.image) continue;
      sizes.add(`${t.image.width}×${t.image.height}`);
      w = t.image.width;
      h = t.image.height;
    }
    const fingers = ctx.fingers();
    if (!('problem' in fingers))
      for (const c of fingers) if (c.image) sizes.add(`${c.image.width}×${c.image.height}`);
    if (sizes.size === 0)
      return notMeasured(ctx.target('flat-white').problem ?? 'no capture to measure', 'ratio', limit);
    if (sizes.size > 1)
      return judged(false, 0, 'ratio', limit, `captures differ in size: ${[...sizes].join(', ')}`);
    const widthMm = (w / ctx.ppi) * MM_PER_INCH;
    const heightMm = (h / ctx.ppi) * MM_PER_INCH;
    const ratio = Math.min(widthMm / a.widthMm, heightMm / a.heightMm);
    return judged(
      ratio >= 1,
      round(ratio, 3),
      'ratio',
      limit,
      `capture area ${widthMm.toFixed(1)} × ${heightMm.toFixed(1)} mm`,
      {
        widthPx: w,
        heightPx: h,
        widthMm: round(widthMm, 2),
        heightMm: round(heightMm, 2),
      },
    );
  },
};
