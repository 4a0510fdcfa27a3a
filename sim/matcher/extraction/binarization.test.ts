import { describe, expect, it } from 'vitest';
import { binarize } from './binarization.ts';
import type { FloatImage } from './normalization.ts';
import type { ForegroundMask } from './segmentation.ts';

describe('binarize', () => {
  it('marks positive (ridge) pixels inside the mask and drops isolated burrs', () => {
    const width = 40;
    const height = 40;
    const values = new Float32Array(width * height);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) values[y * width + x] = Math.cos((2 * Math.PI * x) / 10);
    values[20 * width + 5] = 1; // a burr in the middle of a valley
    const mask: ForegroundMask = {
      width,
      height,
      data: new Uint8Array(width * height),
      contrast: new Float32Array(width * height),
      region: new Uint8Array(width * height),
    };
    for (let y = 0; y < height; y++) for (let x = 0; x < 30; x++) mask.data[y * width + x] = 1;
    const enhanced: FloatImage = { width, height, values };
    const b = binarize(enhanced, mask);
    expect(b.data[20 * width + 10]).toBe(1);
    expect(b.data[20 * width + 15]).toBe(0);
    expect(b.data[20 * width + 5]).toBe(0);
    expect(b.data[20 * width + 35]).toBe(0);
  });
});
