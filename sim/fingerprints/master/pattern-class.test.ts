import { describe, expect, it } from 'vitest';
import { stream } from '../../random/stream.ts';
import { FINGER_POSITIONS, type FingerPosition } from '../finger-position.ts';
import type { PatternClass } from '../master-fingerprint.ts';
import { classPercent, drawPatternClass, PATTERN_CLASSES } from './pattern-class.ts';
import { FBI_CLASS_PERCENT } from './synthesis-parameters.ts';

const DRAWS = 10_000;

function observed(position: FingerPosition): Record<PatternClass, number> {
  const counts = Object.fromEntries(PATTERN_CLASSES.map((c) => [c, 0])) as Record<PatternClass, number>;
  for (let i = 0; i < DRAWS; i++)
    counts[drawPatternClass(position, stream('class-test', 'master', i, position, 'class'))]++;
  for (const c of PATTERN_CLASSES) counts[c] = (100 * counts[c]) / DRAWS;
  return counts;
}

describe('pattern class', () => {
  const all = new Map(FINGER_POSITIONS.map((p) => [p, observed(p)]));

  it('draws each class within ±2 points of its target on every finger (10,000 draws each)', () => {
    for (const p of FINGER_POSITIONS) {
      const target = classPercent(p);
      for (const c of PATTERN_CLASSES) expect(Math.abs(all.get(p)![c] - target[c])).toBeLessThan(2);
    }
  });

  it('reproduces the FBI ten-finger distribution within ±2 points', () => {
    const mean = (classes: PatternClass[]) =>
      FINGER_POSITIONS.reduce((a, p) => a + classes.reduce((b, c) => b + all.get(p)![c], 0), 0) / 10;
    expect(Math.abs(mean(['arch']) - FBI_CLASS_PERCENT.arch)).toBeLessThan(2);
    expect(Math.abs(mean(['tented-arch']) - FBI_CLASS_PERCENT.tented)).toBeLessThan(2);
    expect(Math.abs(mean(['left-loop', 'right-loop']) - FBI_CLASS_PERCENT.loop)).toBeLessThan(2);
    expect(Math.abs(mean(['whorl', 'twin-loop']) - FBI_CLASS_PERCENT.whorl)).toBeLessThan(2);
    const targets = FINGER_POSITIONS.map((p) => classPercent(p));
    const exact = targets.reduce((a, t) => a + t.whorl + t['twin-loop'], 0) / 10;
    expect(exact).toBeCloseTo(FBI_CLASS_PERCENT.whorl, 6);
  });

  it('makes ulnar loops dominant: right loops on the right hand, left loops on the left', () => {
    for (const p of [1, 2, 3, 4, 5] as const)
      expect(all.get(p)!['right-loop']).toBeGreaterThan(all.get(p)!['left-loop'] + 15);
    for (const p of [6, 7, 8, 9, 10] as const)
      expect(all.get(p)!['left-loop']).toBeGreaterThan(all.get(p)!['right-loop'] + 15);
  });

  it('puts whorls mostly on thumbs and ring fingers, arches on index fingers', () => {
    const whorls = (p: FingerPosition) => all.get(p)!.whorl + all.get(p)!['twin-loop'];
    expect(whorls(1)).toBeGreaterThan(whorls(3) + 10);
    expect(whorls(4)).toBeGreaterThan(whorls(5) + 10);
    expect(all.get(2)!.arch).toBeGreaterThan(all.get(4)!.arch + 3);
  });
});
