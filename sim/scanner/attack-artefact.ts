import { valueNoise } from '../fingerprints/impression/noise.ts';
import type { SurfaceInk } from './finger-ink.ts';
import type { AttackSpecies } from './types.ts';

/**
 * How each presentation-attack instrument differs from skin (the rendering signatures):
 * - gelatine: moist and soft, ridges spread (low threshold), smooth, paler: lower contrast;
 * - silicone: very smooth cast, no pores, ridge darkness uniform over the whole pad;
 * - latex: a thin elastic film stretched over a finger: thin, pale ridges, 6 % stretch across;
 * - printed: an ink-jet/laser print of the finger on paper or film, halftone-screened, flat texture;
 * - replayed: a previous capture shown on a screen: the screen's pixel grid beats with the sensor's (moiré).
 * Grays of printed and replayed artefacts come from reflectance, not contact, so they have no SurfaceInk.
 */
export interface ArtefactSignature {
  /** Ridge-height threshold shift (negative: fatter ridges). */
  readonly threshold: number;
  /** Half-width of the contact transition (softness of ridge edges). */
  readonly softness: number;
  /** Darkness of a ridge in full contact (1 = skin). */
  readonly strength: number;
  /** Amplitude of the surface's fine texture (skin has pores and ragged edges ≈ 0.25). */
  readonly texture: number;
  /** Stretch across the finger (1 = none). */
  readonly stretch: number;
}

export const ARTEFACTS: Readonly<Record<AttackSpecies, ArtefactSignature>> = {
  gelatine: { threshold: -0.18, softness: 0.35, strength: 0.72, texture: 0.06, stretch: 1 },
  silicone: { threshold: 0.02, softness: 0.12, strength: 0.9, texture: 0, stretch: 1 },
  latex: { threshold: 0.22, softness: 0.2, strength: 0.66, texture: 0.1, stretch: 1.06 },
  printed: { threshold: 0, softness: 0.15, strength: 1, texture: 0, stretch: 1 },
  replayed: { threshold: 0, softness: 0.2, strength: 1, texture: 0, stretch: 1 },
};

function smoothstep(a: number, b: number, x: number): number {
  const t = (x - a) / (b - a);
  return t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t);
}

/** Contact ink of a cast or film artefact: a single threshold on the ridge relief, no sweat, no pores. */
export function artefactSurface(species: AttackSpecies): SurfaceInk {
  const s = ARTEFACTS[species];
  return (sampled, pressure, _skin, random) => {
    const { ridges, coverage, width, height } = sampled;
    const texture = s.texture > 0 ? valueNoise(random, width, height, 2.5) : null;
    const ink = new Float32Array(width * height);
    for (let i = 0; i < ink.length; i++) {
      if (pressure[i] <= 0 || coverage[i] <= 0) continue;
      const h = ridges[i] + (texture ? s.texture * texture[i] : 0);
      ink[i] = coverage[i] * s.strength * smoothstep(s.threshold - s.softness, s.threshold + s.softness, h);
    }
    return ink;
  };
}

const DEG = Math.PI / 180;

/**
 * Reflectance of a halftone print of `gray` (0 black … 1 white) at a point (mm): a clustered-dot
 * screen at 150 lines per inch, 45°, the way laser and offset printers render continuous tone.
 */
export function halftone(gray: number, xMm: number, yMm: number): number {
  const period = 25.4 / 150;
  const c = Math.cos(45 * DEG);
  const u = (c * xMm + c * yMm) / period;
  const v = (-c * xMm + c * yMm) / period;
  // Dot spot function in [-1, 1]; ink where it exceeds the tone's threshold.
  const spot = (Math.cos(2 * Math.PI * u) + Math.cos(2 * Math.PI * v)) / 2;
  const darkness = 1 - gray;
  return spot > 1 - 2 * darkness ? 0.08 : 0.92;
}

/**
 * Reflectance of a phone screen showing an 8-bit image at `pitchMm` per screen pixel (centred on the
 * platen): each screen pixel is lit over 80 % of its pitch, with a dark grid between (the source of moiré).
 */
export function screenPixel(gray01: number, xMm: number, yMm: number, pitchMm: number): number {
  const fx = xMm / pitchMm - Math.floor(xMm / pitchMm);
  const fy = yMm / pitchMm - Math.floor(yMm / pitchMm);
  const lit = fx < 0.8 && fy < 0.8;
  return lit ? 0.05 + 0.85 * gray01 : 0.05;
}
