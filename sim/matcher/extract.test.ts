import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../image/decode-image.ts';
import { fvcMissingReason, fvcSetDir } from '../runtime/shared-data.ts';
import { extract } from './extract.ts';
import { phaseFingerprint } from './extraction/phase-fingerprint.test-helper.ts';
import { pairMinutiae } from './minutiae-pairing.test-helper.ts';

describe('extract', () => {
  it('finds the analytic fixture’s minutiae, with directions, and nothing else', () => {
    for (const ridgeAngle of [Math.PI / 2, 0, Math.PI / 3]) {
      const f = phaseFingerprint({ ridgeAngle });
      const t = extract(f.image);
      const { precision, recall } = pairMinutiae(f.minutiae, t.minutiae, 15, Math.PI / 6);
      expect(precision).toBeGreaterThanOrEqual(0.8);
      expect(recall).toBeGreaterThanOrEqual(0.8);
      expect(t).toMatchObject({ width: 320, height: 360, ppi: 500 });
    }
  });

  it('is rotation-consistent: rotating the image by 90° rotates the minutiae', () => {
    const f = phaseFingerprint({ ridgeAngle: 1.1 });
    const { width: w, height: h, data } = f.image;
    const rotated = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rotated[(w - 1 - x) * h + y] = data[y * w + x];
    const a = extract(f.image).minutiae.map((m) => ({
      x: m.y,
      y: w - 1 - m.x,
      angle: m.angle + Math.PI / 2,
    }));
    const b = extract({ width: h, height: w, data: rotated, ppi: 500 }).minutiae;
    const { precision, recall } = pairMinutiae(a, b, 4, Math.PI / 18);
    expect(Math.min(precision, recall)).toBeGreaterThanOrEqual(0.9);
  });

  it('reports every stage to the trace hook and is deterministic', () => {
    const f = phaseFingerprint();
    const stages: string[] = [];
    const a = extract(f.image, { trace: (s) => stages.push(s) });
    expect(stages).toEqual([
      'resampled',
      'segmentation',
      'normalization',
      'orientation-field',
      'ridge-period',
      'enhancement',
      'binarization',
      'thinning',
      'skeleton-cleaning',
      'minutiae-detection',
      'minutia-direction',
      'false-minutiae-removal',
      'minutiae',
      'singular-points',
    ]);
    expect(extract(f.image)).toEqual(a);
  });

  it('resamples other resolutions to 500 ppi first', () => {
    const f = phaseFingerprint({
      width: 364,
      height: 410,
      period: 10.24,
      singularities: [{ x: 182, y: 205, sign: 1 }],
    });
    const t = extract({ ...f.image, ppi: 569 });
    expect(t).toMatchObject({ width: 320, height: 360, ppi: 500 });
    const found = t.minutiae.filter((m) => Math.hypot(m.x - 160, m.y - 180) < 8);
    expect(found).toHaveLength(1);
  });

  const db1 = fvcSetDir('fvc2002-db1b');
  it.skipIf(!db1)(
    `gives FVC2002 DB1 plausible minutiae counts (${db1 ? 'present' : fvcMissingReason('fvc2002-db1b')})`,
    () => {
      const counts = ['101_1', '104_3', '107_5', '110_8'].map((n) => {
        const t = extract(decodeImage(readFileSync(join(db1!, `${n}.tif`))));
        for (const m of t.minutiae) {
          expect(m.x).toBeGreaterThanOrEqual(0);
          expect(m.x).toBeLessThan(388);
          expect(m.quality).toBeGreaterThan(0);
        }
        return t.minutiae.length;
      });
      for (const c of counts) {
        expect(c).toBeGreaterThanOrEqual(15);
        expect(c).toBeLessThanOrEqual(80);
      }
    },
  );
});
