import type { GrayImage } from '../../../sim/image/gray-image.ts';
import { decodeIsoTemplate } from '../../../sim/matcher/iso19794-2.ts';
import type { FingerTemplate } from '../../../sim/matcher/template.ts';
import { blockOf, growContinuousPhase, phaseAt } from './continuous-phase.ts';
import { foregroundFromMinutiae } from './foreground-from-minutiae.ts';
import { minutiaSpirals, spiralPhase } from './minutia-spirals.ts';
import { blockCentre, orientationFromMinutiae } from './orientation-from-minutiae.ts';
import { renderPhase } from './phase-rendering.ts';

export const TEMPLATE_RECONSTRUCTION = {
  /**
   * Ridge period, px at 500 ppi: a template stores no ridge spacing, and 9 px (0.46 mm) is what
   * both real FVC2002 prints and dactylo's rendered ones measure on average.
   */
  period: 9,
  ppi: 500,
} as const;

/** A template scaled to 500 ppi, the resolution the reconstruction and every dactylo stage use. */
function at500ppi(t: FingerTemplate): FingerTemplate {
  if (t.ppi === TEMPLATE_RECONSTRUCTION.ppi) return t;
  const s = TEMPLATE_RECONSTRUCTION.ppi / t.ppi;
  return {
    ...t,
    width: Math.round(t.width * s),
    height: Math.round(t.height * s),
    ppi: TEMPLATE_RECONSTRUCTION.ppi,
    minutiae: t.minutiae.map((m) => ({ ...m, x: m.x * s, y: m.y * s })),
  };
}

/**
 * A fingerprint image rebuilt from a minutiae template alone, in the FM model of Feng & Jain
 * (IEEE TPAMI 33(2), 2011): orientation field from the minutiae directions, a continuous phase
 * grown over it at a constant period, one spiral per stored minutia, rendered as cos ψ. What an
 * attacker holding stolen templates presents to a scanner-less API.
 */
export function reconstructFingerprint(template: FingerTemplate): GrayImage {
  if (template.minutiae.length === 0) throw new RangeError('a template without minutiae cannot be inverted');
  const t = at500ppi(template);
  const field = orientationFromMinutiae(t);
  const mask = foregroundFromMinutiae(t);
  const inside = new Uint8Array(field.cols * field.rows);
  for (let r = 0; r < field.rows; r++)
    for (let c = 0; c < field.cols; c++) {
      const x = Math.min(t.width - 1, blockCentre(c, field.block));
      const y = Math.min(t.height - 1, blockCentre(r, field.block));
      inside[r * field.cols + c] = mask[Math.floor(y) * t.width + Math.floor(x)];
    }
  const cx = t.minutiae.reduce((a, m) => a + m.x, 0) / t.minutiae.length;
  const cy = t.minutiae.reduce((a, m) => a + m.y, 0) / t.minutiae.length;
  const start = blockOf(field, cx, cy);
  inside[start.r * field.cols + start.c] = 1;
  const phase = growContinuousPhase(field, inside, TEMPLATE_RECONSTRUCTION.period, start);
  const spirals = minutiaSpirals(t, phase);
  return renderPhase(
    t.width,
    t.height,
    mask,
    (x, y) => phaseAt(phase, x, y).psi + spiralPhase(spirals, x, y),
  );
}

/** The same from a stored ISO/IEC 19794-2 record (its first finger view). */
export function reconstructFromIsoRecord(record: Uint8Array): GrayImage {
  return reconstructFingerprint(decodeIsoTemplate(record));
}
