import { describe, expect, it } from 'vitest';
import type { FingerTemplate } from '../matcher/template.ts';
import { FINGER_POSITIONS, type FingerPosition } from './finger-position.ts';
import { rasterizeArea } from './master/fingerprint-area.ts';
import { generateMaster } from './master/master.ts';
import { orientationAt } from './master/orientation-field.ts';
import { templateOnlyImpression, templateOnlyMaster } from './template-only.ts';

/** Rendered masters' density (per 100,000 px² of finger), measured as synthesis-parameters.ts says. */
const RENDERED_DENSITY = 51.9;
/**
 * Share of the rendered masters' minutia directions within 26° of the ridge flow: template-only
 * directions hug the flow at least that closely, as extracted ones (taken from the smoothed
 * orientation field) do.
 */
const RENDERED_ALONG_FLOW = 0.935;

const masters = Array.from({ length: 200 }, (_, i) =>
  templateOnlyMaster('to-test', i, FINGER_POSITIONS[i % 10] as FingerPosition),
);

/**
 * Most minutiae that one rigid transform pairs between two templates (within 10 px and 0.35 rad),
 * over transforms hypothesised from every minutia pair: a crude matcher, enough to tell mates.
 */
function rigidPairs(a: FingerTemplate, b: FingerTemplate): number {
  let best = 0;
  for (const p of a.minutiae) {
    for (const q of b.minutiae) {
      const rot = q.angle - p.angle;
      const c = Math.cos(rot);
      const s = Math.sin(rot);
      let count = 0;
      for (const u of a.minutiae) {
        const x = q.x + c * (u.x - p.x) + s * (u.y - p.y);
        const y = q.y - s * (u.x - p.x) + c * (u.y - p.y);
        const hit = b.minutiae.some(
          (v) =>
            Math.abs(v.x - x) < 10 &&
            Math.abs(v.y - y) < 10 &&
            Math.abs(Math.atan2(Math.sin(v.angle - u.angle - rot), Math.cos(v.angle - u.angle - rot))) < 0.35,
        );
        if (hit) count++;
      }
      best = Math.max(best, count);
    }
  }
  return best;
}

describe('template-only masters', () => {
  it('share area, class and singular points with the rendered master of the same finger', () => {
    const rendered = generateMaster('to-test', 5, 6);
    const sketch = templateOnlyMaster('to-test', 5, 6);
    expect(sketch.patternClass).toBe(rendered.patternClass);
    expect([sketch.template.width, sketch.template.height]).toEqual([rendered.width, rendered.height]);
    expect(sketch.template.singularPoints).toEqual(rendered.singularPoints);
    for (const q of sketch.template.minutiae) expect(rendered.mask[q.y * rendered.width + q.x]).toBe(1);
  });

  it('have the rendered masters’ minutiae density, spacing and direction spread', () => {
    let count = 0;
    let area = 0;
    let along = 0;
    const nearest: number[] = [];
    for (const m of masters.slice(0, 60)) {
      for (const v of rasterizeArea(m.shape).mask) area += v;
      const list = m.template.minutiae;
      count += list.length;
      for (const q of list) {
        const theta = orientationAt(m.flow, q.x, q.y);
        if (Math.abs(Math.cos(q.angle) * Math.cos(theta) - Math.sin(q.angle) * Math.sin(theta)) > 0.9)
          along++;
        nearest.push(Math.min(...list.filter((r) => r !== q).map((r) => Math.hypot(r.x - q.x, r.y - q.y))));
      }
    }
    expect(Math.abs((1e5 * count) / area / RENDERED_DENSITY - 1)).toBeLessThan(0.1);
    expect(Math.min(...nearest)).toBeGreaterThanOrEqual(5);
    expect(along / count).toBeGreaterThan(RENDERED_ALONG_FLOW);
  });

  it('cluster around cores and deltas as rendered masters do (24 % within 40 px; uniform: 9 %)', () => {
    let near = 0;
    let all = 0;
    for (const m of masters.slice(0, 60)) {
      if (m.layout.points.length === 0) continue;
      for (const q of m.template.minutiae) {
        all++;
        if (m.layout.points.some((p) => Math.hypot(q.x - p.x, q.y - p.y) < 40)) near++;
      }
    }
    expect(near / all).toBeGreaterThan(0.15);
    expect(near / all).toBeLessThan(0.35);
  });

  it('is deterministic, whichever minutiae an impression asked for first', () => {
    const fresh = templateOnlyMaster('to-test', 3, 4);
    const seen = templateOnlyImpression(fresh, 2);
    expect(fresh.template).toEqual(templateOnlyMaster('to-test', 3, 4).template);
    expect(seen).toEqual(templateOnlyImpression(templateOnlyMaster('to-test', 3, 4), 2));
    expect(templateOnlyMaster('to-test', 3, 4).template).toEqual(masters[3].template);
    expect(templateOnlyImpression(masters[3], 2)).toEqual(templateOnlyImpression(masters[3], 2));
  });
});

describe('template-only impressions', () => {
  const impressions = masters.map((m, i) => templateOnlyImpression(m, i % 3));

  it('hold about 30–60 minutiae in an FVC-size 388 × 374 window, rarely fewer than 12', () => {
    const counts = impressions.map((t) => t.minutiae.length).sort((a, b) => a - b);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(mean).toBeGreaterThan(30);
    expect(mean).toBeLessThan(60);
    expect(counts[Math.floor(counts.length * 0.05)]).toBeGreaterThanOrEqual(15);
    expect(counts.filter((c) => c < 12).length / counts.length).toBeLessThan(0.01);
    expect(counts[0]).toBeGreaterThanOrEqual(5);
    for (const t of impressions) {
      expect([t.width, t.height, t.ppi]).toEqual([388, 374, 500]);
      for (const q of t.minutiae) {
        expect(q.x >= 0 && q.x < 388 && q.y >= 0 && q.y < 374).toBe(true);
        expect(q.angle >= 0 && q.angle < 2 * Math.PI).toBe(true);
      }
    }
  });

  it('pair up rigidly with other impressions of the same finger and not with other fingers', () => {
    for (let i = 0; i < 6; i++) {
      const a = templateOnlyImpression(masters[i], 10);
      const b = templateOnlyImpression(masters[i], 11);
      const other = templateOnlyImpression(masters[i + 10], 10);
      const mated = rigidPairs(a, b);
      // Extracted rendered mates pair 7–12 minutiae rigidly (README, matcher figures).
      expect(mated).toBeGreaterThanOrEqual(9);
      expect(rigidPairs(a, other)).toBeLessThan(mated / 2);
    }
  });

  it('follow a sensor window of another size', () => {
    const big = templateOnlyImpression(masters[7], 0, { width: 640, height: 480 });
    const small = templateOnlyImpression(masters[7], 0, { width: 256, height: 360 });
    expect(big.minutiae.length).toBeGreaterThan(small.minutiae.length);
    for (const q of small.minutiae) expect(q.x < 256 && q.y < 360).toBe(true);
  });
});
