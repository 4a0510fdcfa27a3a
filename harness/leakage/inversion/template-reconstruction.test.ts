import { describe, expect, it } from 'vitest';
import { extract } from '../../../sim/matcher/extract.ts';
import { encodeIsoTemplate } from '../../../sim/matcher/iso19794-2.ts';
import { compare } from '../../../sim/matcher/mcc/comparison.ts';
import { thresholdAtFmr } from '../../../sim/matcher/thresholds.ts';
import { measureFidelity, storedTemplate } from './reconstruction-fidelity.ts';
import { reconstructFingerprint, reconstructFromIsoRecord } from './template-reconstruction.ts';

describe('reconstructFingerprint', () => {
  it('rebuilds prints that dactylo extracts and matches to the stored template (offline type-I attack)', () => {
    const s = measureFidelity('inversion-unit', 12);
    const scores = s.trials.map((t) => t.score.toFixed(3)).join(' ');
    console.log(
      `reconstruction fidelity, 12 template-only records: ${(100 * s.acceptedShare).toFixed(0)} % at or above the FMR 0.1 % threshold ${s.threshold.toFixed(4)}, median ${s.medianScore.toFixed(4)}; scores ${scores}`,
    );
    // Measured 11 of 12 (median 0.124, three times the threshold); the floors leave a margin.
    expect(s.acceptedShare).toBeGreaterThanOrEqual(0.8);
    expect(s.medianScore).toBeGreaterThan(2 * s.threshold);
  });

  it('rebuilds one finger, not fingers in general: another finger’s template rejects it', () => {
    const threshold = thresholdAtFmr(0.001);
    const a = storedTemplate('inversion-unit', 5, 2);
    const b = storedTemplate('inversion-unit', 6, 2);
    const probe = extract(reconstructFingerprint(a));
    expect(compare(probe, a)).toBeGreaterThanOrEqual(threshold);
    expect(compare(probe, b)).toBeLessThan(threshold);
  });

  it('is an 8-bit 500-ppi image of the template canvas, the same bytes every time, from the ISO record too', () => {
    const t = storedTemplate('inversion-unit', 0, 1);
    const img = reconstructFingerprint(t);
    expect([img.width, img.height, img.ppi]).toEqual([t.width, t.height, 500]);
    expect(
      Buffer.from(reconstructFromIsoRecord(encodeIsoTemplate(t)).data).equals(Buffer.from(img.data)),
    ).toBe(true);
    // Dark ridges on white: about half the print's pixels are darker than mid-grey.
    const dark = img.data.filter((v) => v < 128).length;
    const print = img.data.filter((v) => v < 255).length;
    expect(dark / print).toBeGreaterThan(0.35);
    expect(dark / print).toBeLessThan(0.65);
  });

  it('reads templates at other resolutions in 500-ppi pixels', () => {
    const t = storedTemplate('inversion-unit', 0, 1);
    const scaled = {
      ...t,
      ppi: 1000,
      width: t.width * 2,
      height: t.height * 2,
      minutiae: t.minutiae.map((m) => ({ ...m, x: m.x * 2, y: m.y * 2 })),
    };
    const img = reconstructFingerprint(scaled);
    expect([img.width, img.height, img.ppi]).toEqual([t.width, t.height, 500]);
  });

  it('refuses a template without minutiae', () => {
    expect(() =>
      reconstructFingerprint({ width: 10, height: 10, ppi: 500, quality: 0, minutiae: [] }),
    ).toThrow(/without minutiae/);
  });
});
