import { describe, expect, it } from 'vitest';
import { stream } from '../../random/stream.ts';
import { FINGER_POSITIONS, type FingerPosition, fingerNameOf } from '../finger-position.ts';
import { areaShape, fingerprintArea, insideArea } from './fingerprint-area.ts';
import { CANVAS_MARGIN, FINGER_SIZE_MM, PIXELS_PER_MM } from './synthesis-parameters.ts';

const draws = (position: FingerPosition, n: number) =>
  Array.from({ length: n }, (_, i) => areaShape(position, stream('area-test', i, position)));

describe('fingerprintArea', () => {
  it('sizes fingers as real distal phalanges are, thumbs largest and little fingers smallest', () => {
    const meanWidthMm = (p: FingerPosition) => {
      const shapes = draws(p, 200);
      return (
        shapes.reduce((a, s) => a + s.halfWidthLeft + s.halfWidthRight, 0) / shapes.length / PIXELS_PER_MM
      );
    };
    for (const p of FINGER_POSITIONS) {
      expect(Math.abs(meanWidthMm(p) / FINGER_SIZE_MM[fingerNameOf(p)].width - 1)).toBeLessThan(0.03);
    }
    expect(meanWidthMm(1)).toBeGreaterThan(meanWidthMm(2) + 3);
    expect(meanWidthMm(2)).toBeGreaterThan(meanWidthMm(5) + 2);
  });

  it('gives canvases of about 300–500 × 400–700 px that hold the silhouette with a margin', () => {
    for (const p of FINGER_POSITIONS) {
      for (const s of draws(p, 50)) {
        expect(s.width).toBeGreaterThanOrEqual(280);
        expect(s.width).toBeLessThanOrEqual(512);
        expect(s.height).toBeGreaterThanOrEqual(380);
        expect(s.height).toBeLessThanOrEqual(704);
        expect(s.centerX - s.halfWidthLeft).toBeGreaterThanOrEqual(CANVAS_MARGIN);
        expect(s.top).toBeGreaterThanOrEqual(CANVAS_MARGIN);
        expect(s.height - s.bottom).toBeGreaterThanOrEqual(CANVAS_MARGIN);
      }
    }
  });

  it('rasterizes a finger-shaped mask: rounded tip, full width lower down, empty margin', () => {
    const area = fingerprintArea(3, stream('area-test', 'mask'));
    const at = (x: number, y: number) => area.mask[Math.round(y) * area.width + Math.round(x)];
    expect(at(area.centerX, area.top + 3)).toBe(1);
    expect(at(area.centerX - area.halfWidthLeft + 3, area.top + 3)).toBe(0);
    expect(at(area.centerX - area.halfWidthLeft + 3, area.top + area.tipHeight + 20)).toBe(1);
    expect(at(2, 2)).toBe(0);
    let count = 0;
    for (const v of area.mask) count += v;
    const h = area.bottom - area.top;
    const w = area.halfWidthLeft + area.halfWidthRight;
    expect(count / (w * h)).toBeGreaterThan(0.8);
    expect(count / (w * h)).toBeLessThan(0.95);
    expect(insideArea(area, area.centerX, (area.top + area.bottom) / 2)).toBe(true);
  });
});
