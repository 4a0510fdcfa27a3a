import type { Random } from '../../random/random.ts';
import { type FingerPosition, fingerNameOf } from '../finger-position.ts';
import { AREA, CANVAS_MARGIN, FINGER_SIZE_MM, PIXELS_PER_MM } from './synthesis-parameters.ts';

/**
 * The finger's silhouette as SFinGe models it (Cappelli, Maio, Maltoni 2002): a rounded fingertip
 * (two quarter-ellipses), straight sides, and a flat base with rounded corners where the finger
 * leaves the platen. Geometry in canvas pixels at 500 ppi.
 */
export interface AreaShape {
  /** Canvas size: the silhouette plus a blank margin. */
  readonly width: number;
  readonly height: number;
  readonly centerX: number;
  readonly top: number;
  readonly bottom: number;
  readonly halfWidthLeft: number;
  readonly halfWidthRight: number;
  /** Height of the rounded fingertip and of the base's rounded corners. */
  readonly tipHeight: number;
  readonly baseHeight: number;
}

export interface FingerprintArea extends AreaShape {
  /** 1 inside the silhouette, 0 outside; row-major. */
  readonly mask: Uint8Array;
}

function roundUp(n: number, step: number): number {
  return Math.ceil(n / step) * step;
}

/** Draws the silhouette's size for a finger position: thumbs larger, little fingers smallest. */
export function areaShape(position: FingerPosition, random: Random): AreaShape {
  const size = FINGER_SIZE_MM[fingerNameOf(position)];
  const scale = random.truncatedNormal(1, AREA.scaleSd, AREA.scaleMin, AREA.scaleMax);
  const aspect = random.truncatedNormal(1, AREA.aspectSd, 0.92, 1.08);
  const widthPx = size.width * PIXELS_PER_MM * scale;
  const heightPx = size.height * PIXELS_PER_MM * scale * aspect;
  const skew = random.truncatedNormal(0, AREA.asymmetrySd, -0.08, 0.08);
  const halfWidthLeft = (widthPx / 2) * (1 + skew);
  const halfWidthRight = (widthPx / 2) * (1 - skew);
  const width = roundUp(halfWidthLeft + halfWidthRight + 2 * CANVAS_MARGIN, 16);
  const height = roundUp(heightPx + 2 * CANVAS_MARGIN, 16);
  const left = (width - halfWidthLeft - halfWidthRight) / 2;
  const top = (height - heightPx) / 2;
  return {
    width,
    height,
    centerX: left + halfWidthLeft,
    top,
    bottom: top + heightPx,
    halfWidthLeft,
    halfWidthRight,
    tipHeight: heightPx * AREA.tipShare,
    baseHeight: heightPx * AREA.baseShare,
  };
}

/** Whether canvas point (x, y) lies on the finger. */
export function insideArea(shape: AreaShape, x: number, y: number): boolean {
  if (y < shape.top || y > shape.bottom) return false;
  const dx = x - shape.centerX;
  const a = dx < 0 ? shape.halfWidthLeft : shape.halfWidthRight;
  const ax = Math.abs(dx);
  if (ax > a) return false;
  const tipCenter = shape.top + shape.tipHeight;
  if (y < tipCenter) {
    const u = ax / a;
    const v = (y - tipCenter) / shape.tipHeight;
    return u * u + v * v <= 1;
  }
  const baseCenter = shape.bottom - shape.baseHeight;
  const cornerWidth = AREA.baseCornerShare * a;
  if (y > baseCenter && ax > a - cornerWidth) {
    const u = (ax - (a - cornerWidth)) / cornerWidth;
    const v = (y - baseCenter) / shape.baseHeight;
    return u * u + v * v <= 1;
  }
  return true;
}

export function rasterizeArea(shape: AreaShape): FingerprintArea {
  const mask = new Uint8Array(shape.width * shape.height);
  for (let y = 0; y < shape.height; y++) {
    for (let x = 0; x < shape.width; x++) {
      if (insideArea(shape, x + 0.5, y + 0.5)) mask[y * shape.width + x] = 1;
    }
  }
  return { ...shape, mask };
}

/** Stage 1: the fingerprint area of one finger. */
export function fingerprintArea(position: FingerPosition, random: Random): FingerprintArea {
  return rasterizeArea(areaShape(position, random));
}
