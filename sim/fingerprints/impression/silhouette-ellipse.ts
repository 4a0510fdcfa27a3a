/**
 * The ellipse with the same first and second moments as a fingerprint area mask: centre, semi-axes
 * and the angle of the major axis. Placement and contact size are expressed relative to it so that
 * a thumb's impression covers more of the sensor than a little finger's.
 */
export interface SilhouetteEllipse {
  readonly cx: number;
  readonly cy: number;
  /** Semi-major and semi-minor axes (px). */
  readonly major: number;
  readonly minor: number;
  /** Angle of the major axis from the x axis, in image coordinates (y down), radians in (−π/2, π/2]. */
  readonly angle: number;
}

export function silhouetteEllipse(mask: Uint8Array, width: number, height: number): SilhouetteEllipse {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (mask[row + x]) {
        n++;
        sx += x;
        sy += y;
      }
    }
  }
  if (n === 0) throw new RangeError('fingerprint area mask is empty');
  const cx = sx / n;
  const cy = sy / n;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const dy = y - cy;
    for (let x = 0; x < width; x++) {
      if (mask[row + x]) {
        const dx = x - cx;
        xx += dx * dx;
        yy += dy * dy;
        xy += dx * dy;
      }
    }
  }
  xx /= n;
  yy /= n;
  xy /= n;
  // Eigenvalues of the covariance; a uniform ellipse with semi-axis a has variance a²/4 along it.
  const mean = (xx + yy) / 2;
  const spread = Math.sqrt(((xx - yy) / 2) ** 2 + xy * xy);
  const major = 2 * Math.sqrt(mean + spread);
  const minor = 2 * Math.sqrt(Math.max(0, mean - spread));
  const angle = 0.5 * Math.atan2(2 * xy, xx - yy);
  return { cx, cy, major, minor, angle };
}
