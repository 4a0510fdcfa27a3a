import { describe, expect, it } from 'vitest';
import { FINGER_POSITIONS } from '../finger-position.ts';
import { generateMaster } from '../master/master.ts';
import { sensorProfile } from '../sensor-profile.ts';
import { contactPressureMap } from './contact-area.ts';
import { groundTruthMinutiae } from './ground-truth.ts';
import { impressionGeometry } from './impression.ts';
import { CONTACT } from './impression-parameters.ts';

describe('minutiae per plain impression (500 ppi, 388×374 like FVC2002 DB1)', () => {
  it('average 30–60 and never fewer than 12 unless the contact is tiny', () => {
    const sensor = sensorProfile('optical-fvc2002');
    const counts: number[] = [];
    for (let subject = 1; subject <= 4; subject++)
      for (const position of FINGER_POSITIONS) {
        const master = generateMaster('minutiae-count', subject, position);
        for (let impression = 1; impression <= 3; impression++) {
          const g = impressionGeometry(master, impression, sensor);
          const n = groundTruthMinutiae(master, g.transform, g.contact, sensor).length;
          counts.push(n);
          if (n < 12) {
            const pressure = contactPressureMap(g.contact, sensor.width, sensor.height);
            const visible = pressure.filter((p) => p >= CONTACT.visiblePressure).length / pressure.length;
            expect(
              visible,
              `subject ${subject} finger ${position} impression ${impression}: ${n} minutiae`,
            ).toBeLessThan(0.15);
          }
        }
      }
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(mean).toBeGreaterThanOrEqual(30);
    expect(mean).toBeLessThanOrEqual(60);
  });
});
