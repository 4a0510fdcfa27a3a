import { describe, expect, it } from 'vitest';
import type { FingerTemplate } from './template.ts';
import { templateFromJson, templateToJson } from './template-json.ts';

describe('template JSON view', () => {
  const t: FingerTemplate = {
    width: 300,
    height: 400,
    ppi: 500,
    position: 7,
    quality: 64,
    minutiae: [{ x: 12.5, y: 30, angle: (271.25 * Math.PI) / 180, type: 'bifurcation', quality: 77 }],
    singularPoints: [{ type: 'core', x: 150, y: 180, angle: Math.PI / 2 }],
  };

  it('round-trips through JSON text (angles to 0.01°)', () => {
    const json = templateToJson(t);
    expect(json.minutiae[0].angleDegrees).toBe(271.25);
    const back = templateFromJson(JSON.parse(JSON.stringify(json)));
    expect(back.minutiae[0].angle).toBeCloseTo(t.minutiae[0].angle, 9);
    expect({ ...back, minutiae: [], singularPoints: [] }).toEqual({ ...t, minutiae: [], singularPoints: [] });
    expect(templateToJson(back)).toEqual(json);
  });

  it('rejects what is not a template with a reason', () => {
    expect(() => templateFromJson({})).toThrow(/not a dactylo template/);
    expect(() => templateFromJson({ ...templateToJson(t), width: 'x' })).toThrow(/width must be a number/);
    const bad = templateToJson(t);
    (bad.minutiae[0] as { type: string }).type = 'loop';
    expect(() => templateFromJson(bad)).toThrow(/unknown type 'loop'/);
  });
});
