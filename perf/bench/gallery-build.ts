import { Gallery, type GalleryColumns } from '../../sim/matcher/identification/gallery.ts';
import type { IndexCylinderParameters } from '../../sim/matcher/identification/identification-parameters.ts';
import { startTsWorker } from '../../sim/runtime/ts-worker.ts';

const BATCH = 2000;

export interface GalleryGrowth {
  size: number;
  workers: number;
  /** What identification-worker.ts synthesizes: 'template-only' or rendered 'synthetic' entries. */
  source: string;
  seed: string;
  /** Called after each batch is appended, with the gallery's size. */
  onAppend?: (size: number, batchesAppended: number) => void;
}

/**
 * Grows `gallery` to `o.size` entries: batches of 2,000 synthesized and indexed on worker threads
 * (identification-worker.ts), appended in batch order so the same seed gives the same gallery for
 * any number of workers.
 */
export async function growGallery(gallery: Gallery, o: GalleryGrowth): Promise<Gallery> {
  const url = new URL('./identification-worker.ts', import.meta.url).href;
  const threads = Array.from({ length: Math.max(1, o.workers) }, () => startTsWorker(url, {}));
  const batches: [number, number][] = [];
  for (let from = gallery.size; from < o.size; from += BATCH)
    batches.push([from, Math.min(o.size, from + BATCH)]);
  const built = new Map<number, Gallery>();
  let next = 0;
  let appended = 0;
  try {
    await Promise.all(
      threads.map(async (w) => {
        while (next < batches.length) {
          const id = next++;
          const [from, to] = batches[id];
          const reply = await new Promise<{ params: IndexCylinderParameters; columns: GalleryColumns }>(
            (resolve) => {
              w.once('message', resolve);
              w.postMessage({ id, source: o.source, seed: o.seed, from, to });
            },
          );
          built.set(id, Gallery.fromColumns(reply.params, reply.columns));
          while (built.has(appended)) {
            gallery.append(built.get(appended)!);
            built.delete(appended++);
            o.onAppend?.(gallery.size, appended);
          }
        }
      }),
    );
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
  return gallery;
}
