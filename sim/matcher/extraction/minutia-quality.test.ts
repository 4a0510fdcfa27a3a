import { describe, expect, it } from 'vitest';
import { fingerQuality, minutiaQuality } from './minutia-quality.ts';
import type { OrientationField } from './orientation-field.ts';
import type { ForegroundMask } from './segmentation.ts';

function maps(coherence: number, contrast: number) {
  const n = 100;
  const field = {
    width: 10,
    height: 10,
    angle: new Float32Array(n),
    coherence: new Float32Array(n).fill(coherence),
  } as OrientationField;
  const mask: ForegroundMask = {
    width: 10,
    height: 10,
    data: new Uint8Array(n).fill(1),
    contrast: new Float32Array(n).fill(contrast),
    region: new Uint8Array(n).fill(1),
  };
  return { field, mask };
}

describe('minutiaQuality', () => {
  it('is 1–100 and grows with coherence, contrast and distance from the edge', () => {
    const good = maps(0.9, 50);
    const poor = maps(0.3, 50);
    const faint = maps(0.9, 8);
    const far = new Float32Array(100).fill(40);
    const near = new Float32Array(100).fill(10);
    const q = (m: ReturnType<typeof maps>, d: Float32Array) => minutiaQuality(5, 5, m.field, m.mask, d);
    expect(q(good, far)).toBe(100);
    expect(q(poor, far)).toBeLessThan(q(good, far));
    expect(q(faint, far)).toBeLessThan(q(good, far));
    expect(q(good, near)).toBeLessThan(q(good, far));
    expect(q(maps(0, 0), near)).toBe(1);
    expect(fingerQuality(good.field, good.mask)).toBe(100);
    expect(fingerQuality(poor.field, poor.mask)).toBeLessThan(50);
  });
});
