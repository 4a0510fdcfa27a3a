import { describe, expect, it } from 'vitest';
import { stream } from '../../random/index.ts';
import { contactPressure, contactPressureMap, contactRadius, drawContactArea } from './contact-area.ts';

const silhouette = { cx: 200, cy: 250, major: 190, minor: 120, angle: Math.PI / 2 };
const placement = { rotation: 0.2, scale: 1, padX: 200, padY: 270, landX: 194, landY: 187 };

function area(pressure: number, key = 0) {
  return drawContactArea(stream('t', 'contact', key), silhouette, placement, pressure);
}

function coverage(pressure: number): number {
  const m = contactPressureMap(area(pressure), 388, 374);
  let n = 0;
  for (const v of m) if (v > 0) n++;
  return n / m.length;
}

describe('contact area', () => {
  it('grows with pressure', () => {
    expect(coverage(1)).toBeGreaterThan(coverage(0) * 1.5);
  });

  it('follows the finger axis turned by the placement', () => {
    const c = area(0.6);
    expect(c.axisAngle).toBeCloseTo(Math.PI / 2 - 0.2, 12);
    expect(c.semiMajor).toBeGreaterThan(c.semiMinor);
  });

  it('has full pressure at the centre, none outside, and falls towards the rim', () => {
    const c = area(0.6, 3);
    expect(contactPressure(c, c.cx, c.cy)).toBe(1);
    expect(contactPressure(c, c.cx + 1000, c.cy)).toBe(0);
    const along = (t: number) =>
      contactPressure(
        c,
        c.cx + t * c.semiMajor * Math.cos(c.axisAngle),
        c.cy + t * c.semiMajor * Math.sin(c.axisAngle),
      );
    expect(along(0.3)).toBeGreaterThan(along(0.7));
    expect(along(0.7)).toBeGreaterThan(along(0.95));
  });

  it('has an irregular rim: the boundary radius varies with direction', () => {
    const c = area(0.6, 5);
    const radii: number[] = [];
    for (let i = 0; i < 36; i++) {
      const phi = (i / 36) * 2 * Math.PI;
      let t = 0;
      while (contactRadius(c, c.cx + t * Math.cos(phi), c.cy + t * Math.sin(phi)) < 1) t += 0.5;
      const e =
        1 / Math.hypot(Math.cos(phi - c.axisAngle) / c.semiMajor, Math.sin(phi - c.axisAngle) / c.semiMinor);
      radii.push(t / e);
    }
    expect(Math.max(...radii) - Math.min(...radii)).toBeGreaterThan(0.04);
  });
});
