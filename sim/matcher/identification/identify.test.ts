import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparePrepared, prepare } from '../mcc/comparison.ts';
import { Gallery } from './gallery.ts';
import { type Identification, Identifier, identify } from './identify.ts';
import { syntheticEntries, syntheticEntry, syntheticProbe } from './synthetic-gallery.ts';

const SEED = 'identify-test';
const entries = syntheticEntries(SEED, 0, 200);
const gallery = Gallery.build(entries);
const probeOf = (i: number) => syntheticProbe(SEED, i, entries[i].template);

describe('1:N identification', () => {
  let identifier: Identifier;
  beforeAll(async () => {
    identifier = await Identifier.open(gallery, { workers: 0 });
  });

  it('ranks first the entry the 1:1 matcher scores best over the whole gallery', async () => {
    const prepared = Array.from({ length: gallery.size }, (_, e) => prepare(gallery.template(e)));
    for (const i of [5, 198]) {
      const probe = probeOf(i);
      const p = prepare(probe);
      const scores = prepared.map((g) => comparePrepared(p, g));
      const best = scores.indexOf(Math.max(...scores));
      const found = await identifier.identify(probe, { topK: 3 });
      expect(found.candidates[0].entry).toBe(best);
      expect(found.candidates[0].score).toBe(scores[best]);
      expect(found.candidates[0]).toMatchObject({ rank: 1, subjectId: `subject-${best}` });
      expect(found.rescored).toBeLessThan(gallery.size / 2);
    }
  }, 60_000);

  it('exhaustive search re-scores every entry and agrees with the index on the best', async () => {
    const probe = probeOf(42);
    const all = await identifier.identify(probe, { exhaustive: true, topK: 1 });
    const indexed = await identifier.identify(probe, { topK: 1 });
    expect(all.rescored).toBe(gallery.size);
    expect(all.penetration).toBe(1);
    expect(indexed.candidates[0]).toEqual(all.candidates[0]);
  });

  it('returns at most top-k candidates at or above the threshold, best first', async () => {
    const probe = probeOf(7);
    const five = await identifier.identify(probe, { topK: 5 });
    expect(five.candidates.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5]);
    for (let k = 1; k < 5; k++)
      expect(five.candidates[k].score).toBeLessThanOrEqual(five.candidates[k - 1].score);
    const threshold = (five.candidates[0].score + five.candidates[1].score) / 2;
    const above = await identifier.identify(probe, { topK: 5, threshold });
    expect(above.candidates).toEqual([five.candidates[0]]);
    const none = await identifier.identify(probe, { threshold: 1.01 });
    expect(none.candidates).toEqual([]);
  });

  it('finds a finger enrolled after the index was built', async () => {
    const g = Gallery.build(entries.slice(0, 100));
    const id = await Identifier.open(g, { workers: 0 });
    const late = syntheticEntry(SEED, 100);
    g.enrol({ ...late, subjectId: 'late-subject' });
    const found = await id.identify(syntheticProbe(SEED, 100, late.template), { topK: 1 });
    expect(found.candidates[0]).toMatchObject({ subjectId: 'late-subject', entry: 100 });
  });
});

describe('1:N identification on worker threads', () => {
  const results = new Map<number, Identification[]>();
  const probes = [11, 150].map(probeOf);

  beforeAll(async () => {
    for (const workers of [0, 2]) {
      // Small shards, so that the gallery is split between the threads.
      const id = await Identifier.open(gallery, { workers, search: { shardSize: 64 } });
      const found: Identification[] = [];
      for (const p of probes) found.push(await id.identify(p, { topK: 5 }));
      results.set(workers, found);
      await id.close();
    }
  }, 120_000);

  afterAll(() => results.clear());

  it('gives the same candidates and scores with any number of threads', () => {
    expect(results.get(2)).toEqual(results.get(0));
    expect(results.get(0)![0].candidates[0].entry).toBe(11);
  });

  it('one-shot identify() opens and closes its threads', async () => {
    const found = await identify(probes[1], gallery, { workers: 3, topK: 5, search: { shardSize: 64 } });
    expect(found).toEqual(results.get(0)![1]);
  }, 60_000);
});
