import { describe, expect, it } from 'vitest';
import type { FingerPosition } from '../fingerprints/finger-position.ts';
import { Gallery } from '../matcher/identification/gallery.ts';
import { templateOnlyEntry, templateOnlyProbe } from '../matcher/identification/synthetic-gallery.ts';
import { thresholdAtFmr } from '../matcher/thresholds.ts';
import { SubjectGallery } from './subject-gallery.ts';

const SEED = 'subject-gallery-background';
const threshold = thresholdAtFmr(0.001);
const probeOf = (i: number) => ({
  position: ((i % 10) + 1) as FingerPosition,
  template: templateOnlyProbe(SEED, i),
});

describe('SubjectGallery with a background gallery', () => {
  const background = Gallery.build(Array.from({ length: 60 }, (_, i) => templateOnlyEntry(SEED, i)));

  it('searches the background by 1:N but never counts it as an enrolled subject', async () => {
    const g = new SubjectGallery(0, 256, background);
    try {
      const hits = await g.search([probeOf(7)], threshold, 5);
      expect(hits[0]?.subjectId).toBe('subject-7');
      expect(g.has('subject-7')).toBe(false);
      expect(g.templates('subject-7')).toBeUndefined();
      expect(g.agreeingFingers('subject-7', [probeOf(7)], threshold).compared).toBe(0);
    } finally {
      await g.close();
    }
  });

  it('keeps the background when a removed subject makes it rebuild, and finds enrolled subjects too', async () => {
    const g = new SubjectGallery(0, 256, background);
    try {
      const enrolled = templateOnlyEntry(`${SEED}-enrolled`, 3);
      const position = 4 as FingerPosition; // entry 3's finger: (3 mod 10) + 1
      g.put({ subjectId: 'enrolled-3', fingers: new Map([[position, enrolled.template]]) });
      g.put({
        subjectId: 'gone',
        fingers: new Map([[position, templateOnlyEntry(`${SEED}-gone`, 3).template]]),
      });
      g.remove('gone');
      const own = { position: position, template: templateOnlyProbe(`${SEED}-enrolled`, 3) };
      expect((await g.search([own], threshold, 5))[0]?.subjectId).toBe('enrolled-3');
      expect((await g.search([probeOf(12)], threshold, 5))[0]?.subjectId).toBe('subject-12');
      expect(g.size).toBe(61);
      expect(background.size).toBe(60);
    } finally {
      await g.close();
    }
  });
});
