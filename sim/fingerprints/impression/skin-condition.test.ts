import { describe, expect, it } from 'vitest';
import { stream } from '../../random/index.ts';
import { drawSkinCondition, skinInk } from './skin-condition.ts';

const W = 180;
const H = 120;
const PERIOD = 9;

function stripes(): Float32Array {
  const r = new Float32Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) r[y * W + x] = Math.cos((2 * Math.PI * x) / PERIOD);
  return r;
}

function ink(moisture: number, pressure: number, localPressure = 1) {
  const sampled = { width: W, height: H, ridges: stripes(), coverage: new Float32Array(W * H).fill(1) };
  return skinInk(
    sampled,
    new Float32Array(W * H).fill(localPressure),
    { moisture, pressure },
    stream('t', 'skin'),
  );
}

/** Fraction of pixels with ink, and how many ridge crests (x ≡ 0 mod period) are broken (ink < 0.5). */
function measure(v: Float32Array) {
  let sum = 0;
  let crests = 0;
  let broken = 0;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      if (v[y * W + x] > 0.3) sum++;
      if (x % PERIOD === 0) {
        crests++;
        if (v[y * W + x] < 0.5) broken++;
      }
    }
  return { cover: sum / (W * H), broken: broken / crests };
}

describe('skin condition', () => {
  it('draws moisture and pressure within bounds', () => {
    for (let i = 0; i < 300; i++) {
      const s = drawSkinCondition(stream('t', 's', i));
      expect(Math.abs(s.moisture)).toBeLessThanOrEqual(1);
      expect(s.pressure).toBeGreaterThanOrEqual(0);
      expect(s.pressure).toBeLessThanOrEqual(1);
    }
  });

  it('firmer pressure makes ridges thicker', () => {
    expect(measure(ink(0, 1)).cover).toBeGreaterThan(measure(ink(0, 0)).cover + 0.05);
  });

  it('wet skin merges ridges: valleys fill in', () => {
    const wet = measure(ink(1, 0.6)).cover;
    expect(wet).toBeGreaterThan(measure(ink(0, 0.6)).cover + 0.05);
    expect(wet).toBeGreaterThan(0.55);
  });

  it('dry skin breaks ridges: many crests lose contact', () => {
    const dry = measure(ink(-1, 0.6)).broken;
    expect(dry).toBeGreaterThan(0.15);
    expect(dry).toBeGreaterThan(3 * measure(ink(0, 0.6)).broken);
  });

  it('prints nothing where the pressure is zero and little near the rim', () => {
    expect(measure(ink(0, 0.6, 0)).cover).toBe(0);
    expect(measure(ink(0, 0.6, 0.1)).cover).toBeLessThan(measure(ink(0, 0.6, 1)).cover / 2);
  });
});
