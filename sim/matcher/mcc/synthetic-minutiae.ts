import type { Random } from '../../random/index.ts';
import { type FingerTemplate, type Minutia, normalizeAngle } from '../template.ts';

/**
 * Minutiae sets for testing the matcher without images: a finger-like set (realistic density, minimum
 * spacing, directions that follow a smooth loop-shaped ridge flow) and a genuine mate made from it the
 * way a second impression differs: moved, turned, elastically distorted, with minutiae lost and spurious
 * ones added.
 */
export interface SyntheticFingerOptions {
  width?: number;
  height?: number;
  /** Minutiae wanted (FVC2002 DB1 fingers have about 30–60). */
  count?: number;
  /** Smallest distance between two minutiae (px). */
  spacing?: number;
}

function ridgeFlow(rng: Random, width: number, height: number): (x: number, y: number) => number {
  const cx = width * rng.uniform(0.4, 0.6);
  const cy = height * rng.uniform(0.35, 0.55);
  const base = rng.uniform(0, Math.PI);
  return (x, y) => base + 0.5 * Math.atan2(y - cy, x - cx);
}

export function syntheticFinger(rng: Random, options: SyntheticFingerOptions = {}): FingerTemplate {
  const width = options.width ?? 388;
  const height = options.height ?? 374;
  const count = options.count ?? 40;
  const spacing = options.spacing ?? 14;
  const flow = ridgeFlow(rng, width, height);
  const minutiae: Minutia[] = [];
  for (let tries = 0; minutiae.length < count && tries < count * 200; tries++) {
    // Inside the ellipse a fingertip leaves on the platen.
    const u = rng.uniform(-1, 1);
    const v = rng.uniform(-1, 1);
    if (u * u + v * v > 1) continue;
    const x = width / 2 + u * width * 0.42;
    const y = height / 2 + v * height * 0.45;
    if (minutiae.some((m) => (m.x - x) ** 2 + (m.y - y) ** 2 < spacing * spacing)) continue;
    const angle = normalizeAngle(flow(x, y) + (rng.bernoulli(0.5) ? Math.PI : 0) + rng.normal(0, 0.08));
    minutiae.push({ x, y, angle, type: rng.bernoulli(0.5) ? 'ending' : 'bifurcation', quality: 60 });
  }
  return { width, height, ppi: 500, quality: 60, minutiae };
}

export interface MateOptions {
  /** Rotation (rad, counter-clockwise as seen) about the image centre. */
  rotation?: number;
  shiftX?: number;
  shiftY?: number;
  /** Amplitude (px) of the smooth elastic displacement. */
  distortion?: number;
  /** Fractions of minutiae lost and of spurious ones added. */
  drop?: number;
  add?: number;
  /** Per-minutia position (px) and direction (rad) noise. */
  positionNoise?: number;
  angleNoise?: number;
  /** Keep only minutiae that land inside the image (partial overlap). */
  crop?: boolean;
}

/** Rigid motion of a template: rotate by `rotation` about the image centre, then shift. */
export function moveTemplate(
  t: FingerTemplate,
  rotation: number,
  shiftX: number,
  shiftY: number,
): FingerTemplate {
  const cx = t.width / 2;
  const cy = t.height / 2;
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  const minutiae = t.minutiae.map((m) => {
    // Counter-clockwise as seen means clockwise in y-down pixel coordinates.
    const dx = m.x - cx;
    const dy = m.y - cy;
    return {
      ...m,
      x: cx + dx * cos + dy * sin + shiftX,
      y: cy - dx * sin + dy * cos + shiftY,
      angle: normalizeAngle(m.angle + rotation),
    };
  });
  return { ...t, minutiae };
}

function elastic(rng: Random, amplitude: number, width: number, height: number) {
  const waves = Array.from({ length: 3 }, () => ({
    fx: rng.uniform(0.5, 1.5) / width,
    fy: rng.uniform(0.5, 1.5) / height,
    px: rng.uniform(0, 2 * Math.PI),
    py: rng.uniform(0, 2 * Math.PI),
  }));
  return (x: number, y: number): [number, number] => {
    let dx = 0;
    let dy = 0;
    for (const w of waves) {
      dx += Math.sin(2 * Math.PI * (w.fx * x + w.fy * y) + w.px);
      dy += Math.sin(2 * Math.PI * (w.fy * x - w.fx * y) + w.py);
    }
    return [(amplitude * dx) / 3, (amplitude * dy) / 3];
  };
}

export function genuineMate(rng: Random, t: FingerTemplate, o: MateOptions = {}): FingerTemplate {
  const warp = elastic(rng, o.distortion ?? 5, t.width, t.height);
  const drop = o.drop ?? 0.15;
  const kept: Minutia[] = [];
  for (const m of t.minutiae) {
    if (rng.bernoulli(drop)) continue;
    const [dx, dy] = warp(m.x, m.y);
    kept.push({
      ...m,
      x: m.x + dx + rng.normal(0, o.positionNoise ?? 2),
      y: m.y + dy + rng.normal(0, o.positionNoise ?? 2),
      angle: normalizeAngle(m.angle + rng.normal(0, o.angleNoise ?? 0.1)),
    });
  }
  const extra = Math.round((o.add ?? 0.1) * t.minutiae.length);
  for (let i = 0; i < extra; i++) {
    kept.push({
      x: rng.uniform(0.1, 0.9) * t.width,
      y: rng.uniform(0.1, 0.9) * t.height,
      angle: rng.uniform(0, 2 * Math.PI),
      type: 'ending',
      quality: 30,
    });
  }
  const moved = moveTemplate({ ...t, minutiae: kept }, o.rotation ?? 0, o.shiftX ?? 0, o.shiftY ?? 0);
  if (!o.crop) return moved;
  const inside = moved.minutiae.filter((m) => m.x >= 0 && m.y >= 0 && m.x < t.width && m.y < t.height);
  return { ...moved, minutiae: inside };
}
