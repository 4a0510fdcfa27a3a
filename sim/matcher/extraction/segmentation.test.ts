import { describe, expect, it } from 'vitest';
import { phaseFingerprint } from './phase-fingerprint.test-helper.ts';
import { segment } from './segmentation.ts';

describe('segment', () => {
  it('covers the ridged area and leaves the flat background out', () => {
    const f = phaseFingerprint();
    const mask = segment(f.image);
    let inside = 0;
    let insideOn = 0;
    let outsideOn = 0;
    let outside = 0;
    for (let y = 0; y < mask.height; y++) {
      for (let x = 0; x < mask.width; x++) {
        const on = mask.data[y * mask.width + x];
        if (f.inside(x, y)) {
          inside++;
          insideOn += on;
        } else {
          outside++;
          outsideOn += on;
        }
      }
    }
    expect(insideOn / inside).toBeGreaterThan(0.85);
    // Only the blocks that straddle the edge may spill over it.
    expect(outsideOn / outside).toBeLessThan(0.01);
  });

  it('finds no finger on a blank sensor', () => {
    const width = 200;
    const height = 200;
    const data = new Uint8Array(width * height).fill(240);
    const mask = segment({ width, height, data, ppi: 500 });
    expect(mask.data.reduce((s, v) => s + v, 0)).toBe(0);
  });
});
