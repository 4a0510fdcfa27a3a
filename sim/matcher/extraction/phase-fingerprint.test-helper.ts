import type { GrayImage } from '../../image/gray-image.ts';
import { stream } from '../../random/index.ts';
import type { Minutia } from '../template.ts';

/**
 * Test-only fixture: an analytic fingerprint whose minutiae are known exactly. Straight ridges of
 * period `period` at orientation `ridgeAngle` (radians, image coordinates) carry phase
 * singularities ±atan2 (Larkin & Fletcher's phase model): each adds or removes one ridge on one
 * side, i.e. makes exactly one minutia there, whose direction is along the ridges, towards the
 * side that has the extra ridge.
 */
export interface PhaseFingerprint {
  image: GrayImage;
  minutiae: Pick<Minutia, 'x' | 'y' | 'angle'>[];
  /** The foreground: inside the ellipse. */
  inside: (x: number, y: number) => boolean;
}

export interface PhaseOptions {
  width?: number;
  height?: number;
  period?: number;
  ridgeAngle?: number;
  noise?: number;
  singularities?: { x: number; y: number; sign: 1 | -1 }[];
  seed?: string;
}

export function phaseFingerprint(o: PhaseOptions = {}): PhaseFingerprint {
  const width = o.width ?? 320;
  const height = o.height ?? 360;
  const period = o.period ?? 9;
  const ridgeAngle = o.ridgeAngle ?? Math.PI / 2;
  const singularities = o.singularities ?? [
    { x: 110, y: 110, sign: 1 },
    { x: 215, y: 120, sign: -1 },
    { x: 160, y: 185, sign: 1 },
    { x: 105, y: 255, sign: -1 },
    { x: 215, y: 250, sign: 1 },
  ];
  // The phase grows across the ridges: along the normal of the ridge direction.
  const nx = -Math.sin(ridgeAngle);
  const ny = Math.cos(ridgeAngle);
  const cx = width / 2;
  const cy = height / 2;
  const ax = width * 0.44;
  const ay = height * 0.45;
  const inside = (x: number, y: number) => ((x - cx) / ax) ** 2 + ((y - cy) / ay) ** 2 < 1;
  const random = stream(o.seed ?? 'phase-fingerprint', 'noise');
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let phase = (2 * Math.PI * (x * nx + y * ny)) / period;
      for (const s of singularities) phase += s.sign * Math.atan2(y - s.y, x - s.x);
      const v = inside(x, y) ? 128 - 90 * Math.cos(phase) : 245;
      data[y * width + x] = Math.max(0, Math.min(255, Math.round(v + random.normal(0, o.noise ?? 6))));
    }
  }
  // A +atan2 singularity adds a ridge on the side the ridge direction (cos, sin of ridgeAngle)
  // points to, so the minutia (ending or bifurcation alike) points that way along the ridges.
  const along = [Math.cos(ridgeAngle), Math.sin(ridgeAngle)];
  const minutiae = singularities.map((s) => {
    const vx = s.sign * along[0];
    const vy = s.sign * along[1];
    return { x: s.x, y: s.y, angle: (Math.atan2(-vy, vx) + 2 * Math.PI) % (2 * Math.PI) };
  });
  return { image: { width, height, data, ppi: 500 }, minutiae, inside };
}
