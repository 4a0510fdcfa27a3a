import { describe, expect, it } from 'vitest';
import { stream } from '../../random/stream.ts';
import { areaShape, rasterizeArea } from './fingerprint-area.ts';
import { periodAt, periodGrowth, periodModel, ridgePeriodMap, wobbleBound } from './ridge-period.ts';
import { placeSingularPoints } from './singular-points.ts';
import { PERIOD } from './synthesis-parameters.ts';

describe('ridge period map', () => {
  it('stays within 7–12 px, averages about 9 px, and is narrower above the core than below', () => {
    let above = 0;
    let below = 0;
    for (let i = 0; i < 20; i++) {
      const area = rasterizeArea(areaShape(3, stream('period-test', i, 'area')));
      const layout = placeSingularPoints('right-loop', area, stream('period-test', i, 'sp'));
      const map = ridgePeriodMap(
        periodModel(layout, stream('period-test', i, 'period')),
        area.width,
        area.height,
      );
      let sum = 0;
      let n = 0;
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < map.length; k++) {
        if (!area.mask[k]) continue;
        lo = Math.min(lo, map[k]);
        hi = Math.max(hi, map[k]);
        sum += map[k];
        n++;
      }
      expect(lo).toBeGreaterThanOrEqual(PERIOD.min);
      expect(hi).toBeLessThanOrEqual(PERIOD.max);
      expect(sum / n).toBeGreaterThan(8.2);
      expect(sum / n).toBeLessThan(9.8);
      const at = (dy: number) =>
        map[Math.round(layout.centerY + dy) * area.width + Math.round(layout.centerX)];
      above += at(-90);
      below += at(90);
    }
    expect(above / 20).toBeLessThan(below / 20 - 0.6);
  });

  it('varies smoothly: under 0.05 px from one pixel to the next', () => {
    const area = rasterizeArea(areaShape(1, stream('period-test', 'smooth')));
    const layout = placeSingularPoints('whorl', area, stream('period-test', 'smooth-sp'));
    const map = ridgePeriodMap(
      periodModel(layout, stream('period-test', 'smooth-p')),
      area.width,
      area.height,
    );
    let worst = 0;
    for (let y = 0; y < area.height - 1; y++) {
      for (let x = 0; x < area.width - 1; x++) {
        const i = y * area.width + x;
        worst = Math.max(worst, Math.abs(map[i + 1] - map[i]), Math.abs(map[i + area.width] - map[i]));
      }
    }
    expect(worst).toBeLessThan(0.05);
  });

  it('gives the relative growth (dT/ds)/T along a direction, and bounds the wobble', () => {
    for (let i = 0; i < 10; i++) {
      const area = areaShape(3, stream('period-test', i, 'area'));
      const model = periodModel(
        placeSingularPoints('whorl', area, stream('period-test', i, 'sp')),
        stream('period-test', i, 'period'),
      );
      expect(wobbleBound(model)).toBeLessThanOrEqual(PERIOD.wobble * Math.sqrt(3) + 1e-9);
      const [x, y, a] = [150 + 10 * i, 200 + 7 * i, 0.3 * i];
      const [c, s] = [Math.cos(a), Math.sin(a)];
      const h = 0.5;
      const numeric =
        (periodAt(model, x + c * h, y + s * h) - periodAt(model, x - c * h, y - s * h)) / (2 * h);
      expect(periodGrowth(model, x, y, c, s)).toBeCloseTo(numeric / periodAt(model, x, y), 4);
    }
  });
});
