import { isFingerPosition } from '../fingerprints/finger-position.ts';
import type { FingerTemplate, Minutia, SingularPoint } from './template.ts';

/**
 * The JSON view of a template: the FingerTemplate fields with angles in degrees (what people
 * read), counter-clockwise as in ISO/IEC 19794-2, rounded to 0.01°; coordinates as numbers.
 * templateFromJson(templateToJson(t)) equals t up to that rounding.
 */
export interface TemplateJson {
  format: 'dactylo-template';
  width: number;
  height: number;
  ppi: number;
  position?: number;
  quality: number;
  minutiae: { x: number; y: number; angleDegrees: number; type: Minutia['type']; quality: number }[];
  singularPoints: { type: SingularPoint['type']; x: number; y: number; angleDegrees?: number }[];
}

const deg = (r: number) => Math.round(((r * 180) / Math.PI) * 100) / 100;
const rad = (d: number) => (d * Math.PI) / 180;

export function templateToJson(t: FingerTemplate): TemplateJson {
  return {
    format: 'dactylo-template',
    width: t.width,
    height: t.height,
    ppi: t.ppi,
    ...(t.position !== undefined ? { position: t.position } : {}),
    quality: t.quality,
    minutiae: t.minutiae.map((m) => ({
      x: m.x,
      y: m.y,
      angleDegrees: deg(m.angle),
      type: m.type,
      quality: m.quality,
    })),
    singularPoints: (t.singularPoints ?? []).map((p) => ({
      type: p.type,
      x: p.x,
      y: p.y,
      ...(p.angle !== undefined ? { angleDegrees: deg(p.angle) } : {}),
    })),
  };
}

/** Reads the JSON view back, rejecting anything that is not one with a one-line reason. */
export function templateFromJson(value: unknown): FingerTemplate {
  const j = value as TemplateJson;
  if (typeof j !== 'object' || j === null || j.format !== 'dactylo-template') {
    throw new TypeError("not a dactylo template JSON (missing format: 'dactylo-template')");
  }
  for (const k of ['width', 'height', 'ppi', 'quality'] as const) {
    if (typeof j[k] !== 'number' || !Number.isFinite(j[k]))
      throw new TypeError(`template JSON: ${k} must be a number`);
  }
  if (!Array.isArray(j.minutiae)) throw new TypeError('template JSON: minutiae must be an array');
  const t: FingerTemplate = {
    width: j.width,
    height: j.height,
    ppi: j.ppi,
    quality: j.quality,
    minutiae: j.minutiae.map((m, i) => {
      if (![m.x, m.y, m.angleDegrees, m.quality].every((v) => typeof v === 'number' && Number.isFinite(v))) {
        throw new TypeError(`template JSON: minutia ${i} needs numeric x, y, angleDegrees and quality`);
      }
      if (m.type !== 'ending' && m.type !== 'bifurcation' && m.type !== 'other') {
        throw new TypeError(`template JSON: minutia ${i} has unknown type '${String(m.type)}'`);
      }
      return { x: m.x, y: m.y, angle: rad(m.angleDegrees), type: m.type, quality: m.quality };
    }),
    singularPoints: (j.singularPoints ?? []).map((p) => ({
      type: p.type,
      x: p.x,
      y: p.y,
      ...(p.angleDegrees !== undefined ? { angle: rad(p.angleDegrees) } : {}),
    })),
  };
  if (j.position !== undefined) {
    if (!isFingerPosition(j.position))
      throw new TypeError(`template JSON: finger position ${j.position} is not 1–10`);
    t.position = j.position;
  }
  return t;
}
