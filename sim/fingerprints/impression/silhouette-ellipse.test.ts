import { describe, expect, it } from 'vitest';
import { silhouetteEllipse } from './silhouette-ellipse.ts';

function ellipseMask(w: number, h: number, cx: number, cy: number, a: number, b: number, angle: number) {
  const mask = new Uint8Array(w * h);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const u = (x - cx) * c + (y - cy) * s;
      const v = -(x - cx) * s + (y - cy) * c;
      if ((u / a) ** 2 + (v / b) ** 2 <= 1) mask[y * w + x] = 1;
    }
  return mask;
}

describe('silhouetteEllipse', () => {
  it('recovers centre, semi-axes and axis angle of an elliptical mask', () => {
    const e = silhouetteEllipse(ellipseMask(300, 400, 140, 210, 150, 90, Math.PI / 2 - 0.2), 300, 400);
    expect(e.cx).toBeCloseTo(140, 0);
    expect(e.cy).toBeCloseTo(210, 0);
    expect(e.major).toBeGreaterThan(147);
    expect(e.major).toBeLessThan(153);
    expect(e.minor).toBeGreaterThan(87);
    expect(e.minor).toBeLessThan(93);
    expect(Math.abs(Math.abs(e.angle) - (Math.PI / 2 - 0.2))).toBeLessThan(0.02);
  });

  it('refuses an empty mask', () => {
    expect(() => silhouetteEllipse(new Uint8Array(16), 4, 4)).toThrow(/empty/);
  });
});
