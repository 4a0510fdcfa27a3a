import { DISTORTION } from './impression-parameters.ts';
import { type Placement, placeForward, placeInverse } from './placement.ts';
import { distortForward, distortInverse, type PlasticDistortion } from './plastic-distortion.ts';

/**
 * Master → sensor geometry of one impression: placement (rigid motion and resolution scale), then
 * plastic distortion on the platen. Ground truth goes forward through it; rendering samples the
 * master through its inverse.
 */
export interface ImpressionTransform {
  readonly placement: Placement;
  readonly distortion: PlasticDistortion;
}

const mid = new Float64Array(2);

/** Master point → sensor point, written into `out`. */
export function transformForward(t: ImpressionTransform, x: number, y: number, out: Float64Array): void {
  placeForward(t.placement, x, y, mid);
  distortForward(t.distortion, mid[0], mid[1], out);
}

/** Sensor point → master point, written into `out`. */
export function transformInverse(t: ImpressionTransform, x: number, y: number, out: Float64Array): void {
  distortInverse(t.distortion, x, y, mid);
  placeInverse(t.placement, mid[0], mid[1], out);
}

/**
 * Minutia direction through the transform: the ISO angle (counter-clockwise as seen, so the pixel
 * direction is (cos a, −sin a)) of the image of a short step along `angle` from (x, y).
 */
export function transformAngle(t: ImpressionTransform, x: number, y: number, angle: number): number {
  const step = 2;
  const a = new Float64Array(2);
  const b = new Float64Array(2);
  transformForward(t, x, y, a);
  transformForward(t, x + step * Math.cos(angle), y - step * Math.sin(angle), b);
  const turned = Math.atan2(-(b[1] - a[1]), b[0] - a[0]);
  return turned < 0 ? turned + 2 * Math.PI : turned;
}

/** Master coordinates of every sensor pixel: the inverse evaluated on a coarse grid, bilinearly refined. */
export interface InverseMap {
  readonly width: number;
  readonly height: number;
  readonly x: Float32Array;
  readonly y: Float32Array;
}

export function inverseMap(t: ImpressionTransform, width: number, height: number): InverseMap {
  const step = DISTORTION.inverseGridStep;
  const gw = Math.ceil((width - 1) / step) + 1;
  const gh = Math.ceil((height - 1) / step) + 1;
  const gx = new Float64Array(gw * gh);
  const gy = new Float64Array(gw * gh);
  const p = new Float64Array(2);
  for (let j = 0; j < gh; j++)
    for (let i = 0; i < gw; i++) {
      transformInverse(t, i * step, j * step, p);
      gx[j * gw + i] = p[0];
      gy[j * gw + i] = p[1];
    }
  const x = new Float32Array(width * height);
  const y = new Float32Array(width * height);
  for (let py = 0; py < height; py++) {
    const j = Math.min(gh - 2, Math.floor(py / step));
    const fy = py / step - j;
    for (let px = 0; px < width; px++) {
      const i = Math.min(gw - 2, Math.floor(px / step));
      const fx = px / step - i;
      const k = j * gw + i;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      const o = py * width + px;
      x[o] = w00 * gx[k] + w10 * gx[k + 1] + w01 * gx[k + gw] + w11 * gx[k + gw + 1];
      y[o] = w00 * gy[k] + w10 * gy[k + 1] + w01 * gy[k + gw] + w11 * gy[k + gw + 1];
    }
  }
  return { width, height, x, y };
}
