import { describe, expect, it } from 'vitest';
import { normalize } from './normalization.ts';
import { orientationField } from './orientation-field.ts';
import { phaseFingerprint } from './phase-fingerprint.test-helper.ts';
import { periodAt, ridgePeriod } from './ridge-frequency.ts';
import { segment } from './segmentation.ts';

describe('ridgePeriod', () => {
  for (const period of [7, 9, 12]) {
    it(`measures a ${period}-px ridge period`, () => {
      const f = phaseFingerprint({ period, singularities: [], ridgeAngle: 1 });
      const n = normalize(f.image);
      const map = ridgePeriod(n, orientationField(n), segment(f.image));
      expect(periodAt(map, 160, 180)).toBeCloseTo(period, 0);
      expect(Math.abs(periodAt(map, 120, 120) - period)).toBeLessThan(0.5);
    });
  }
});
