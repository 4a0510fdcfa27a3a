import { describe, expect, it } from 'vitest';
import { normalize } from './normalization.ts';
import { phaseFingerprint } from './phase-fingerprint.test-helper.ts';

describe('normalize', () => {
  it('gives zero mean, unit contrast, and positive ridges whatever the gain', () => {
    const f = phaseFingerprint({ noise: 0 });
    // Halve the contrast on the right half: normalisation must undo it.
    const data = Uint8Array.from(f.image.data, (v, i) => (i % f.image.width > 160 ? 64 + (v >> 1) : v));
    const n = normalize({ ...f.image, data });
    for (const x of [100, 220]) {
      let s = 0;
      let s2 = 0;
      let count = 0;
      for (let y = 150; y < 210; y++) {
        for (let dx = -20; dx < 20; dx++) {
          const v = n.values[y * n.width + x + dx];
          s += v;
          s2 += v * v;
          count++;
        }
      }
      expect(Math.abs(s / count)).toBeLessThan(0.15);
      expect(Math.sqrt(s2 / count)).toBeGreaterThan(0.85);
      expect(Math.sqrt(s2 / count)).toBeLessThan(1.15);
    }
    // A dark pixel (ridge) becomes positive.
    const i = 180 * f.image.width + 100;
    expect(Math.sign(n.values[i])).toBe(f.image.data[i] < 128 ? 1 : -1);
  });
});
