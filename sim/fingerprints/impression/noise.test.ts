import { describe, expect, it } from 'vitest';
import { stream } from '../../random/index.ts';
import { addGaussianNoise, drawLineMarks, gaussianBlur, rasterizeLineMarks, valueNoise } from './noise.ts';

function stats(v: Float32Array) {
  let m = 0;
  for (const x of v) m += x;
  m /= v.length;
  let s = 0;
  for (const x of v) s += (x - m) ** 2;
  return { mean: m, sd: Math.sqrt(s / v.length) };
}

describe('noise', () => {
  it('value noise stays in [−1, 1], is smooth at its cell size and reproducible', () => {
    const a = valueNoise(stream('t', 'n'), 120, 90, 10);
    const b = valueNoise(stream('t', 'n'), 120, 90, 10);
    expect(a).toEqual(b);
    let steps = 0;
    for (let i = 0; i < a.length; i++) {
      expect(Math.abs(a[i])).toBeLessThanOrEqual(1);
      if (i % 120 > 0) steps = Math.max(steps, Math.abs(a[i] - a[i - 1]));
    }
    expect(steps).toBeLessThan(0.35);
    expect(stats(a).sd).toBeGreaterThan(0.2);
  });

  it('Gaussian noise has the requested spread', () => {
    const v = new Float32Array(20000);
    addGaussianNoise(v, stream('t', 'g'), 5);
    const s = stats(v);
    expect(Math.abs(s.mean)).toBeLessThan(0.15);
    expect(s.sd).toBeGreaterThan(4.8);
    expect(s.sd).toBeLessThan(5.2);
  });

  it('blur keeps the mean and spreads an impulse symmetrically', () => {
    const v = new Float32Array(21 * 21);
    v[10 * 21 + 10] = 1;
    gaussianBlur(v, 21, 21, 1.5);
    let sum = 0;
    for (const x of v) sum += x;
    expect(sum).toBeCloseTo(1, 5);
    expect(v[10 * 21 + 9]).toBeCloseTo(v[10 * 21 + 11], 6);
    expect(v[9 * 21 + 10]).toBeCloseTo(v[10 * 21 + 9], 6);
    expect(v[10 * 21 + 10]).toBeLessThan(0.1);
  });

  it('line marks cover their centre line fully and fade off within their half-width', () => {
    const out = new Float32Array(100 * 100);
    rasterizeLineMarks([{ x0: 10, y0: 50, x1: 90, y1: 50, width: 2 }], 100, 100, out);
    expect(out[50 * 100 + 50]).toBe(1);
    expect(out[51 * 100 + 50]).toBeCloseTo(0.5, 6);
    expect(out[53 * 100 + 50]).toBe(0);
    expect(drawLineMarks(stream('t', 'l'), 3, 100, 100, [1, 2])).toHaveLength(3);
  });
});
