import { describe, expect, it } from 'vitest';
import { stream } from '../../random/stream.ts';
import type { PatternClass } from '../master-fingerprint.ts';
import { areaShape, insideArea } from './fingerprint-area.ts';
import { PATTERN_CLASSES } from './pattern-class.ts';
import { placeSingularPoints } from './singular-points.ts';

const layouts = (cls: PatternClass, n = 100) =>
  Array.from({ length: n }, (_, i) => {
    const shape = areaShape(2, stream('sp-test', i, 'area'));
    return { shape, layout: placeSingularPoints(cls, shape, stream('sp-test', i, cls)) };
  });
const count = (points: { type: string }[], type: string) => points.filter((p) => p.type === type).length;

describe('placeSingularPoints', () => {
  it('gives each class its cores and deltas', () => {
    const expected: Record<PatternClass, [number, number]> = {
      arch: [0, 0],
      'tented-arch': [1, 1],
      'left-loop': [1, 1],
      'right-loop': [1, 1],
      whorl: [2, 2],
      'twin-loop': [2, 2],
    };
    for (const cls of PATTERN_CLASSES) {
      for (const { layout } of layouts(cls, 10)) {
        expect([count(layout.points, 'core'), count(layout.points, 'delta')]).toEqual(expected[cls]);
      }
    }
  });

  it('puts a right loop’s delta to the left of and below its core, a left loop’s to the right', () => {
    for (const { layout } of layouts('right-loop')) {
      const [core, delta] = layout.points;
      expect(delta.x).toBeLessThan(core.x - 20);
      expect(delta.y).toBeGreaterThan(core.y + 20);
    }
    for (const { layout } of layouts('left-loop')) {
      const [core, delta] = layout.points;
      expect(delta.x).toBeGreaterThan(core.x + 20);
    }
  });

  it('keeps cores on the finger, about 30–50% of the way down, and whorl deltas on both sides', () => {
    for (const { shape, layout } of layouts('whorl')) {
      for (const c of layout.points.filter((p) => p.type === 'core')) {
        expect(insideArea(shape, c.x, c.y)).toBe(true);
        const down = (c.y - shape.top) / (shape.bottom - shape.top);
        expect(down).toBeGreaterThan(0.25);
        expect(down).toBeLessThan(0.55);
      }
      const deltas = layout.points.filter((p) => p.type === 'delta');
      expect(Math.min(...deltas.map((d) => d.x))).toBeLessThan(layout.centerX);
      expect(Math.max(...deltas.map((d) => d.x))).toBeGreaterThan(layout.centerX);
    }
  });
});
