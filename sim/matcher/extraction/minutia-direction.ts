import { normalizeAngle } from '../template.ts';
import type { BinaryImage } from './binarization.ts';
import { EXTRACTION } from './extraction-parameters.ts';
import type { SkeletonMinutia } from './minutiae-detection.ts';
import type { OrientationField } from './orientation-field.ts';
import { branchStarts, traceRidge } from './skeleton-tracing.ts';

const MAX_FIELD_DEVIATION = Math.PI / 4;

function branchVectors(skeleton: BinaryImage, m: SkeletonMinutia, length: number): [number, number][] {
  const { width } = skeleton;
  return branchStarts(skeleton, m.index).map((s) => {
    const { path } = traceRidge(skeleton, m.index, s, length);
    const end = path[path.length - 1];
    const ex = end % width;
    const ey = (end - ex) / width;
    const len = Math.hypot(ex - m.x, ey - m.y) || 1;
    return [(ex - m.x) / len, (ey - m.y) / len];
  });
}

/**
 * The minutia's direction in pixel coordinates (unit vector, y down): for an ending, from the
 * minutia into its ridge; for a bifurcation, away from the stem, between the two branches (the
 * direction of the valley that ends there). Computed by tracing the skeleton, then replaced by
 * the local orientation field (smoother than a short trace) when both agree within 45°.
 */
export function pixelDirection(
  skeleton: BinaryImage,
  m: SkeletonMinutia,
  field: OrientationField,
): [number, number] {
  const branches = branchVectors(skeleton, m, EXTRACTION.minutiae.directionTrace);
  let vx = 0;
  let vy = 0;
  if (m.type === 'ending' || branches.length < 3) {
    [vx, vy] = branches[0] ?? [1, 0];
  } else {
    // The stem is the branch farthest from the other two; the two closest are the fork.
    let stem = 0;
    let bestDot = Number.POSITIVE_INFINITY;
    for (let s = 0; s < 3; s++) {
      const [a, b] = branches.filter((_, k) => k !== s);
      const dot = a[0] * b[0] + a[1] * b[1];
      if (-dot < bestDot) {
        bestDot = -dot;
        stem = s;
      }
    }
    for (let k = 0; k < 3; k++) {
      if (k === stem) continue;
      vx += branches[k][0];
      vy += branches[k][1];
    }
  }
  const th = field.angle[m.index];
  let ux = Math.cos(th);
  let uy = Math.sin(th);
  if (ux * vx + uy * vy < 0) {
    ux = -ux;
    uy = -uy;
  }
  const len = Math.hypot(vx, vy) || 1;
  if ((ux * vx + uy * vy) / len >= Math.cos(MAX_FIELD_DEVIATION)) return [ux, uy];
  return [vx / len, vy / len];
}

/** Converts a pixel-coordinate direction to template.ts's angle: counter-clockwise as seen, [0, 2π). */
export function isoAngle([vx, vy]: [number, number]): number {
  return normalizeAngle(Math.atan2(-vy, vx));
}

/** The minutia's angle in template.ts's convention. */
export function minutiaDirection(skeleton: BinaryImage, m: SkeletonMinutia, field: OrientationField): number {
  return isoAngle(pixelDirection(skeleton, m, field));
}
