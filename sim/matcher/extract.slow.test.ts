import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contactRadius } from '../fingerprints/impression/contact-area.ts';
import { renderImpression } from '../fingerprints/impression/impression.ts';
import { generateMaster } from '../fingerprints/master/master.ts';
import { DEFAULT_SENSOR, sensorProfile } from '../fingerprints/sensor-profile.ts';
import { decodeImage } from '../image/decode-image.ts';
import { fvcMissingReason, fvcSetDir } from '../runtime/shared-data.ts';
import { extract } from './extract.ts';
import { pairMinutiae } from './minutiae-pairing.test-helper.ts';

/** Ground truth an extractor can be held to: away from the frame and the contact rim. */
const FRAME_MARGIN = 16;
const RIM = 0.8;

describe('extraction against synthetic ground truth', () => {
  it('pairs ≥ 80 % both ways within 15 px and 30° on clean impressions', () => {
    const sensor = sensorProfile(DEFAULT_SENSOR);
    let paired = 0;
    let found = 0;
    let truth = 0;
    for (let subject = 1; subject <= 6; subject++) {
      const imp = renderImpression(generateMaster('extraction-ground-truth', subject, 2), 1, sensor);
      const inner = (x: number, y: number) =>
        x >= FRAME_MARGIN &&
        y >= FRAME_MARGIN &&
        x < sensor.width - FRAME_MARGIN &&
        y < sensor.height - FRAME_MARGIN &&
        contactRadius(imp.contact, x, y) < RIM;
      const gt = imp.minutiae.filter((m) => inner(m.x, m.y));
      const ex = extract(imp.image).minutiae.filter((m) => inner(m.x, m.y));
      const r = pairMinutiae(gt, ex, 15, Math.PI / 6);
      paired += r.paired;
      found += ex.length;
      truth += gt.length;
    }
    console.log(
      `synthetic ground truth: precision ${(paired / found).toFixed(3)}, recall ${(paired / truth).toFixed(3)}`,
    );
    expect(paired / found).toBeGreaterThanOrEqual(0.8);
    expect(paired / truth).toBeGreaterThanOrEqual(0.8);
  });
});

describe('extraction on the real FVC sets', () => {
  for (const [name, ppi] of [
    ['fvc2002-db1b', 500],
    ['fvc2002-db2b', 569],
  ] as const) {
    const dir = fvcSetDir(name);
    it.skipIf(!dir)(
      `${name}: 25–70 minutiae on average, 8–100 on every image (${dir ? 'present' : fvcMissingReason(name)})`,
      () => {
        const counts = readdirSync(dir!)
          .filter((f) => f.endsWith('.tif'))
          .map((f) => extract(decodeImage(readFileSync(join(dir!, f)), ppi)).minutiae.length);
        expect(counts).toHaveLength(80);
        const mean = counts.reduce((s, c) => s + c, 0) / counts.length;
        console.log(
          `${name}: minutiae per image mean ${mean.toFixed(1)}, min ${Math.min(...counts)}, max ${Math.max(...counts)}`,
        );
        expect(mean).toBeGreaterThanOrEqual(25);
        expect(mean).toBeLessThanOrEqual(70);
        expect(Math.min(...counts)).toBeGreaterThanOrEqual(8);
        expect(Math.max(...counts)).toBeLessThanOrEqual(100);
      },
    );
  }
});
