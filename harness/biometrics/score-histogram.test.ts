import { describe, expect, it } from 'vitest';
import { histogramSvg, scoreHistogram } from './score-histogram.ts';

describe('score histograms', () => {
  it('bins similarities in [0, 1] and counts failures apart', () => {
    const h = scoreHistogram([0.95, 1, 0.5, null], [0, 0.01, 0.02], 10);
    expect(h).toMatchObject({ min: 0, max: 1, bins: 10, genuineFailures: 1, impostorFailures: 0 });
    expect(h.genuine[9]).toBe(2);
    expect(h.genuine[5]).toBe(1);
    expect(h.impostor[0]).toBe(3);
  });

  it('spans other matchers’ score ranges', () => {
    const h = scoreHistogram([120, 300], [3, 10], 4);
    expect(h.max).toBe(300);
    expect(h.genuine[3]).toBe(1);
  });

  it('draws both classes as bars', () => {
    const svg = histogramSvg(scoreHistogram([0.9], [0.1], 5));
    expect(svg.match(/<rect[^>]*fill-opacity/g)?.length).toBe(10);
    expect(svg).not.toMatch(/NaN/);
  });
});
