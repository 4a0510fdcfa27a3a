import { describe, expect, it } from 'vitest';
import { stream } from '../../random/index.ts';
import { moveTemplate, syntheticFinger } from '../mcc/synthetic-minutiae.ts';
import type { FingerTemplate } from '../template.ts';
import { INDEX_CYLINDER } from './identification-parameters.ts';
import { cylinderLayout, indexCylinders } from './index-cylinder.ts';

function bitsSet(codes: Uint32Array): number {
  let n = 0;
  for (const w of codes) for (let b = 0; b < 32; b++) n += (w >>> b) & 1;
  return n;
}

function agreement(a: Uint32Array, b: Uint32Array): number {
  let differ = 0;
  for (let i = 0; i < a.length; i++) differ += bitsSet(Uint32Array.of(a[i] ^ b[i]));
  return 1 - differ / (a.length * 32);
}

describe('index cylinders', () => {
  const layout = cylinderLayout();

  it('keeps only the disc cells of the NS×NS grid', () => {
    // NS = 8 over R = 70: the corner three cells of each quadrant lie outside the disc.
    expect(layout.discCells).toBe(52);
    expect(layout.bits).toBe(52 * INDEX_CYLINDER.directionalCells);
    expect(layout.words).toBe(Math.ceil(layout.bits / 32));
  });

  it('directional shares of any direction difference sum to one', () => {
    const nd = INDEX_CYLINDER.directionalCells;
    for (let s = 0; s < layout.shares.length / nd; s += 37) {
      let sum = 0;
      for (let k = 0; k < nd; k++) sum += layout.shares[s * nd + k];
      expect(sum).toBeCloseTo(1, 9);
    }
  });

  it('gives one cylinder per minutia with neighbours, none for a lone minutia', () => {
    const finger = syntheticFinger(stream('t', 'cyl'));
    const codes = indexCylinders(finger, layout);
    const r = INDEX_CYLINDER.radius;
    const withNeighbours = finger.minutiae.filter(
      (m) =>
        finger.minutiae.filter((t) => t !== m && (t.x - m.x) ** 2 + (t.y - m.y) ** 2 <= r * r).length >= 2,
    );
    expect(codes.length / layout.words).toBe(withNeighbours.length);
    const lone: FingerTemplate = { ...finger, minutiae: finger.minutiae.slice(0, 1) };
    expect(indexCylinders(lone, layout).length).toBe(0);
  });

  it('sets about a quarter of the bits of a finger-like minutiae set', () => {
    const finger = syntheticFinger(stream('t', 'density'));
    const codes = indexCylinders(finger, layout);
    const density = bitsSet(codes) / ((codes.length / layout.words) * layout.bits);
    expect(density).toBeGreaterThan(0.1);
    expect(density).toBeLessThan(0.45);
  });

  it('is invariant to rotation and translation of the finger', () => {
    const finger = syntheticFinger(stream('t', 'invariance'));
    const moved = moveTemplate(finger, 0.6, 40, -30);
    const a = indexCylinders(finger, layout);
    const b = indexCylinders(moved, layout);
    expect(b.length).toBe(a.length);
    // Only cells whose sum sits on the threshold may flip, through floating-point rounding and the
    // quantised direction difference.
    expect(agreement(a, b)).toBeGreaterThan(0.99);
  });

  it('scales templates at other resolutions to 500 ppi', () => {
    const finger = syntheticFinger(stream('t', 'ppi'));
    const at1000: FingerTemplate = {
      ...finger,
      ppi: 1000,
      minutiae: finger.minutiae.map((m) => ({ ...m, x: m.x * 2, y: m.y * 2 })),
    };
    expect(agreement(indexCylinders(finger, layout), indexCylinders(at1000, layout))).toBeGreaterThan(0.99);
  });
});
