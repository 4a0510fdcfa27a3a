import { describe, expect, it } from 'vitest';
import type { ImageTask } from './dactylo-extraction.ts';
import type { ExtractionResult } from './matcher-adapter.ts';
import { WorkerPool } from './worker-pool.ts';

const workerUrl = new URL('./extraction-worker.ts', import.meta.url).href;

describe('worker pool', () => {
  it('returns results in task order, the same with one worker or two', async () => {
    // Files that do not exist: each task fails fast with its own path in the reason.
    const tasks: ImageTask[] = Array.from({ length: 7 }, (_, i) => ({
      path: `/nonexistent/dactylo-${i}.png`,
    }));
    const run = async (size: number) => {
      const pool = new WorkerPool<ImageTask, ExtractionResult>(workerUrl, size);
      const seen: number[] = [];
      try {
        const results = await pool.run(tasks, (i) => seen.push(i));
        return { reasons: results.map((r) => r.reason), seen: seen.sort((a, b) => a - b) };
      } finally {
        await pool.close();
      }
    };
    const [one, two] = [await run(1), await run(2)];
    expect(two.reasons).toEqual(one.reasons);
    expect(one.reasons[4]).toMatch(/dactylo-4\.png/);
    expect(two.seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
