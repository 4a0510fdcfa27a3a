import type { Random } from '../../random/index.ts';
import { PLACEMENT } from './impression-parameters.ts';
import type { SilhouetteEllipse } from './silhouette-ellipse.ts';

/**
 * Where and how the finger lands on the platen: a rigid motion (plus the master→sensor resolution
 * scale) taking the pad centre on the finger (`padX`, `padY`, master pixels) to `landX`, `landY`
 * on the sensor, turned by `rotation`.
 */
export interface Placement {
  /** Radians, counter-clockwise as a person sees the image (the ISO minutia angle convention). */
  readonly rotation: number;
  /** Sensor pixels per master pixel. */
  readonly scale: number;
  readonly padX: number;
  readonly padY: number;
  readonly landX: number;
  readonly landY: number;
}

export interface PlacementTarget {
  readonly width: number;
  readonly height: number;
  readonly scale: number;
}

function clippedNormal(random: Random, sd: number, max: number): number {
  return random.truncatedNormal(0, sd, -max, max);
}

/** Draws a placement: pad point below the silhouette centre, rotation up to ±20°, offset from centre. */
export function drawPlacement(
  random: Random,
  silhouette: SilhouetteEllipse,
  sensor: PlacementTarget,
): Placement {
  const rotation = clippedNormal(random, PLACEMENT.rotationSd, PLACEMENT.maxRotation);
  // The finger's long axis runs along the silhouette's major axis; "down" is towards its base.
  const along = PLACEMENT.padOffsetMean + random.normal(0, PLACEMENT.padOffsetSd);
  const across = random.normal(0, PLACEMENT.padOffsetSd / 2);
  const ax = Math.cos(silhouette.angle);
  const ay = Math.sin(silhouette.angle);
  const down = ay >= 0 ? 1 : -1;
  const padX = silhouette.cx + down * along * ax - across * ay;
  const padY = silhouette.cy + down * along * ay + across * ax;
  const landX =
    sensor.width / 2 +
    sensor.width * clippedNormal(random, PLACEMENT.translationSd, PLACEMENT.maxTranslation);
  const landY =
    sensor.height / 2 +
    sensor.height * clippedNormal(random, PLACEMENT.translationSd, PLACEMENT.maxTranslation);
  return { rotation, scale: sensor.scale, padX, padY, landX, landY };
}

/** Master → sensor coordinates (before skin distortion); writes into `out`. */
export function placeForward(p: Placement, x: number, y: number, out: Float64Array): void {
  const c = Math.cos(p.rotation) * p.scale;
  const s = Math.sin(p.rotation) * p.scale;
  const dx = x - p.padX;
  const dy = y - p.padY;
  // Counter-clockwise as seen with y pointing down.
  out[0] = p.landX + c * dx + s * dy;
  out[1] = p.landY - s * dx + c * dy;
}

/** Sensor → master coordinates, the inverse of placeForward. */
export function placeInverse(p: Placement, x: number, y: number, out: Float64Array): void {
  const c = Math.cos(p.rotation) / p.scale;
  const s = Math.sin(p.rotation) / p.scale;
  const dx = x - p.landX;
  const dy = y - p.landY;
  out[0] = p.padX + c * dx - s * dy;
  out[1] = p.padY + s * dx + c * dy;
}
