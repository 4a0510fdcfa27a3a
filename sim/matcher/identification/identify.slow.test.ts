import { describe, expect, it } from 'vitest';
import { comparePrepared, prepare } from '../mcc/comparison.ts';
import { Gallery } from './gallery.ts';
import { Identifier } from './identify.ts';
import { syntheticEntries, syntheticProbe } from './synthetic-gallery.ts';

// The check at scale: on a 10,000-entry gallery, the indexed search's best candidate is the
// entry the 1:1 matcher scores best when compared with every entry.
describe('1:N identification on a 10,000-entry gallery', () => {
  it('ranks first the 1:1 best of the whole gallery, on worker threads', async () => {
    const seed = 'identify-slow';
    const entries = syntheticEntries(seed, 0, 10_000);
    const gallery = Gallery.build(entries);
    const identifier = await Identifier.open(gallery, { workers: 2 });
    try {
      const prepared = Array.from({ length: gallery.size }, (_, e) => prepare(gallery.template(e)));
      for (const i of [1234, 8765]) {
        const probe = syntheticProbe(seed, i, entries[i].template);
        const p = prepare(probe);
        let best = 0;
        let bestScore = -1;
        prepared.forEach((g, e) => {
          const s = comparePrepared(p, g);
          if (s > bestScore) [best, bestScore] = [e, s];
        });
        const found = await identifier.identify(probe, { topK: 1 });
        expect(found.candidates[0]).toMatchObject({
          entry: best,
          score: bestScore,
          subjectId: `subject-${best}`,
        });
        expect(found.penetration).toBeLessThan(0.01);
      }
    } finally {
      await identifier.close();
    }
  }, 600_000);
});
