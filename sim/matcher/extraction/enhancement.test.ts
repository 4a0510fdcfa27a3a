import { describe, expect, it } from 'vitest';
import { enhance } from './enhancement.ts';
import { normalize } from './normalization.ts';
import { orientationField } from './orientation-field.ts';
import { phaseFingerprint } from './phase-fingerprint.test-helper.ts';
import { ridgePeriod } from './ridge-frequency.ts';
import { segment } from './segmentation.ts';

function correlation(a: ArrayLike<number>, b: ArrayLike<number>, index: number[]): number {
  let sa = 0;
  let sb = 0;
  for (const i of index) {
    sa += a[i];
    sb += b[i];
  }
  const ma = sa / index.length;
  const mb = sb / index.length;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (const i of index) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('enhance', () => {
  it('restores ridges buried in strong noise', () => {
    const clean = phaseFingerprint({ noise: 0 });
    const noisy = phaseFingerprint({ noise: 70 });
    const n = normalize(noisy.image);
    const mask = segment(noisy.image);
    const enhanced = enhance(n, orientationField(n), ridgePeriod(n, orientationField(n), mask), mask);
    const index: number[] = [];
    for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) index.push(i);
    // Ridges are dark in the image and positive after enhancement.
    const truth = Float32Array.from(clean.image.data, (v) => -v);
    const before = correlation(truth, n.values, index);
    const after = correlation(truth, enhanced.values, index);
    expect(after).toBeGreaterThan(0.85);
    expect(after).toBeGreaterThan(before + 0.15);
  });
});
