import { comparePrepared, type PreparedTemplate, prepare } from '../../sim/matcher/mcc/comparison.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';
import { decodeTemplate, extractImageFile, type ImageTask } from './dactylo-extraction.ts';
import type { ExtractionResult, MatcherAdapter, MatcherOptions } from './matcher-adapter.ts';
import { WorkerPool } from './worker-pool.ts';

/**
 * The built-in adapter: dactylo's extractor on worker threads (one image per task), MCC comparison on
 * the calling thread with each template prepared once.
 */
export function dactyloMatcher(options: MatcherOptions): MatcherAdapter {
  const prepared = new Map<number, PreparedTemplate>();
  const get = (bytes: Uint8Array, key: number): PreparedTemplate => {
    let p = prepared.get(key);
    if (!p) {
      p = prepare(decodeTemplate(bytes));
      prepared.set(key, p);
    }
    return p;
  };
  return {
    name: `dactylo ${DACTYLO_VERSION} (MCC bit cylinders, LSS-R)`,
    async extractAll(paths, onDone) {
      const tasks: ImageTask[] = paths.map((path) => ({ path, ppi: options.ppi }));
      if (options.workers <= 1) {
        return tasks.map((t, i) => {
          const r = extractImageFile(t);
          onDone(i, r);
          return r;
        });
      }
      const pool = new WorkerPool<ImageTask, ExtractionResult>(
        new URL('./extraction-worker.ts', import.meta.url).href,
        Math.min(options.workers, tasks.length),
      );
      try {
        return await pool.run(tasks, onDone);
      } finally {
        await pool.close();
      }
    },
    async prepareAll(templates) {
      templates.forEach((t, i) => {
        if (t) get(t, i);
      });
    },
    async compare(a, b, ia, ib) {
      return comparePrepared(get(a, ia), get(b, ib));
    },
    async close() {
      prepared.clear();
    },
  };
}
