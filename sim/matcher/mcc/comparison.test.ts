import { describe, expect, it } from 'vitest';
import { stream } from '../../random/index.ts';
import { compare, comparePrepared, prepare, preparedBytes } from './comparison.ts';
import { COMPACT_CYLINDER } from './mcc-parameters.ts';
import { genuineMate, moveTemplate, syntheticFinger } from './synthetic-minutiae.ts';

const fingers = Array.from({ length: 12 }, (_, i) => syntheticFinger(stream('comparison-test', i)));
function mateOf(i: number) {
  const r = stream('comparison-test', 'mate', i);
  return genuineMate(r, fingers[i], {
    rotation: r.uniform(-0.4, 0.4),
    shiftX: r.uniform(-40, 40),
    shiftY: r.uniform(-40, 40),
    crop: true,
  });
}

describe('MCC 1:1 comparison', () => {
  it('is invariant to a 30° turn and a 50 px shift (within 10 %)', () => {
    for (let i = 0; i < 4; i++) {
      const mate = mateOf(i);
      const plain = compare(fingers[i], mate);
      const moved = compare(fingers[i], moveTemplate(mate, Math.PI / 6, 50, 50));
      expect(plain).toBeGreaterThan(0.1);
      expect(Math.abs(moved - plain)).toBeLessThanOrEqual(0.1 * plain);
    }
  });

  it('scores every genuine pair above every impostor pair on a synthetic set', () => {
    const prepared = fingers.map((f) => prepare(f));
    const genuine = fingers.map((_, i) => comparePrepared(prepared[i], prepare(mateOf(i))));
    const impostor: number[] = [];
    for (let i = 0; i < fingers.length; i++)
      for (let j = i + 1; j < fingers.length; j++) impostor.push(comparePrepared(prepared[i], prepared[j]));
    expect(Math.min(...genuine)).toBeGreaterThan(Math.max(...impostor));
    for (const s of [...genuine, ...impostor]) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });

  it('tolerates partial overlap: half the finger still matches', () => {
    const r = stream('comparison-test', 'half');
    const half = genuineMate(r, fingers[5], { shiftX: fingers[5].width / 2, crop: true });
    expect(compare(fingers[5], half)).toBeGreaterThan(2 * compare(fingers[5], fingers[6]));
  });

  it('scales templates at another resolution to 500 ppi', () => {
    const f = fingers[2];
    const at1000 = { ...f, ppi: 1000, minutiae: f.minutiae.map((m) => ({ ...m, x: m.x * 2, y: m.y * 2 })) };
    expect(compare(at1000, mateOf(2))).toBeCloseTo(compare(f, mateOf(2)), 6);
  });

  it('gives 0 for an empty template and refuses templates prepared differently', () => {
    const empty = { ...fingers[0], minutiae: [] };
    expect(compare(empty, fingers[0])).toBe(0);
    expect(() =>
      comparePrepared(prepare(fingers[0]), prepare(fingers[1], { cylinder: COMPACT_CYLINDER })),
    ).toThrow(/different cylinder parameters/);
  });

  it('holds a prepared template in a few kilobytes', () => {
    expect(preparedBytes(prepare(fingers[0]))).toBeLessThan(32 * 1024);
  });
});
