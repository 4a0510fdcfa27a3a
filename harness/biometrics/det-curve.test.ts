import { describe, expect, it } from 'vitest';
import { detCurve, detSvg } from './det-curve.ts';
import { operatingPoints, sortedScores } from './error-rates.ts';

describe('DET curve', () => {
  const points = operatingPoints(
    sortedScores(Array.from({ length: 2000 }, (_, i) => 0.5 + i / 4000)),
    sortedScores(Array.from({ length: 2000 }, (_, i) => i / 4000)),
  );

  it('keeps at most 400 points, from FMR 1 to FMR 0', () => {
    const c = detCurve('m', points);
    expect(c.points.length).toBeLessThanOrEqual(401);
    expect(c.points[0].fmr).toBe(1);
    expect(c.points.at(-1)?.fmr).toBe(0);
    for (let i = 1; i < c.points.length; i++)
      expect(c.points[i].fmr).toBeLessThanOrEqual(c.points[i - 1].fmr);
  });

  it('draws a well-formed SVG with one polyline per curve', () => {
    const svg = detSvg([detCurve('a <b>', points), detCurve('c', points)]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<polyline/g)?.length).toBe(2);
    expect(svg).toContain('a &lt;b&gt;');
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});
