/**
 * The device's gray-to-reflectance curve, measured on the step tablet: MTF and CTF are ratios of
 * reflectance modulations, so a device whose transfer is not a straight line must be linearised
 * first (as the Appendix F test procedure does with its calibration curve).
 */
export interface GrayCalibration {
  /** Reflectance for a gray level, by piecewise-linear interpolation (extrapolated at the ends). */
  toReflectance(gray: number): number;
  source: 'gray-steps' | 'flat-fields';
}

/** From (reflectance, mean gray) pairs; the grays must rise with reflectance. Null if they do not. */
export function calibrationFrom(
  points: { reflectance: number; gray: number }[],
  source: GrayCalibration['source'],
): GrayCalibration | null {
  const p = [...points].sort((a, b) => a.gray - b.gray);
  for (let i = 1; i < p.length; i++) {
    if (!(p[i].gray > p[i - 1].gray) || !(p[i].reflectance > p[i - 1].reflectance)) return null;
  }
  if (p.length < 2) return null;
  return {
    source,
    toReflectance(g: number): number {
      let i = 1;
      while (i < p.length - 1 && g > p[i].gray) i++;
      const a = p[i - 1];
      const b = p[i];
      return a.reflectance + ((g - a.gray) * (b.reflectance - a.reflectance)) / (b.gray - a.gray);
    },
  };
}
