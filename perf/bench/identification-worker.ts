import { parentPort } from 'node:worker_threads';
import { Gallery } from '../../sim/matcher/identification/gallery.ts';
import { syntheticEntry, templateOnlyEntry } from '../../sim/matcher/identification/synthetic-gallery.ts';

// Builds one batch of the benchmark's gallery, entries [from, to), and hands its columns back on
// shared memory; the main thread appends batches in order, so the gallery is the same for any split.
parentPort!.on('message', (m: { id: number; source: string; seed: string; from: number; to: number }) => {
  const entry = m.source === 'template-only' ? templateOnlyEntry : syntheticEntry;
  const batch = Gallery.build(Array.from({ length: m.to - m.from }, (_, k) => entry(m.seed, m.from + k)));
  parentPort!.postMessage({ id: m.id, params: batch.params, columns: batch.view() });
});
