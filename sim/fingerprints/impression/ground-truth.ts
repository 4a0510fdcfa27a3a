import type { Minutia, SingularPoint } from '../../matcher/template.ts';
import type { MasterFingerprint } from '../master-fingerprint.ts';
import { type ContactArea, contactPressure } from './contact-area.ts';
import { CONTACT } from './impression-parameters.ts';
import { type ImpressionTransform, transformAngle, transformForward } from './impression-transform.ts';

/** What ground truth needs of a master: its features, not its maps (template-only masters qualify). */
export type MasterFeatures = Pick<MasterFingerprint, 'minutiae' | 'singularPoints'>;

export interface Frame {
  readonly width: number;
  readonly height: number;
}

/** Rounds to what a template stores (0.01 px, 1e-4 rad) so that files and memory agree exactly. */
function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function roundAngle(a: number): number {
  const r = round(a, 4);
  return r >= 2 * Math.PI ? 0 : r;
}

/**
 * The master's minutiae as this impression shows them: mapped through the same placement and
 * plastic distortion that rendered the image, direction turned with the local transform, and kept
 * only where the image shows ridges (inside the frame, where contact pressure prints them).
 */
export function groundTruthMinutiae(
  master: MasterFeatures,
  transform: ImpressionTransform,
  contact: ContactArea,
  frame: Frame,
): Minutia[] {
  const p = new Float64Array(2);
  const out: Minutia[] = [];
  for (const m of master.minutiae) {
    transformForward(transform, m.x, m.y, p);
    if (!(p[0] >= 0 && p[1] >= 0 && p[0] <= frame.width - 1 && p[1] <= frame.height - 1)) continue;
    if (contactPressure(contact, p[0], p[1]) < CONTACT.visiblePressure) continue;
    out.push({
      x: round(p[0], 2),
      y: round(p[1], 2),
      angle: roundAngle(transformAngle(transform, m.x, m.y, m.angle)),
      type: m.type,
      quality: m.quality,
    });
  }
  return out;
}

/** Cores and deltas mapped the same way, kept where the finger touched inside the frame. */
export function groundTruthSingularPoints(
  master: MasterFeatures,
  transform: ImpressionTransform,
  contact: ContactArea,
  frame: Frame,
): SingularPoint[] {
  const p = new Float64Array(2);
  const out: SingularPoint[] = [];
  for (const s of master.singularPoints) {
    transformForward(transform, s.x, s.y, p);
    if (!(p[0] >= 0 && p[1] >= 0 && p[0] <= frame.width - 1 && p[1] <= frame.height - 1)) continue;
    if (contactPressure(contact, p[0], p[1]) <= 0) continue;
    const mapped: SingularPoint = { type: s.type, x: round(p[0], 2), y: round(p[1], 2) };
    if (s.angle !== undefined) mapped.angle = roundAngle(transformAngle(transform, s.x, s.y, s.angle));
    out.push(mapped);
  }
  return out;
}
