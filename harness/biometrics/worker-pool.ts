import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../sim/runtime/ts-worker.ts';

/**
 * Runs independent tasks on worker threads, `size` at a time, and returns their results in task order,
 * so that what comes back never depends on how many workers ran it. The worker module answers each
 * message `{ id, task }` with `{ id, result }` or `{ id, error }`.
 */
export class WorkerPool<T, R> {
  private readonly workers: Worker[];

  constructor(moduleUrl: string, size: number) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => startTsWorker(moduleUrl, {}));
  }

  async run(tasks: readonly T[], onResult: (index: number, result: R) => void = () => {}): Promise<R[]> {
    const results = new Array<R>(tasks.length);
    let next = 0;
    const drive = (worker: Worker): Promise<void> =>
      new Promise((resolve, reject) => {
        const send = () => {
          if (next >= tasks.length) {
            worker.off('message', onMessage);
            worker.off('error', reject);
            resolve();
            return;
          }
          const id = next++;
          worker.postMessage({ id, task: tasks[id] });
        };
        const onMessage = (m: { id: number; result?: R; error?: string }) => {
          if (m.error !== undefined) {
            worker.off('message', onMessage);
            reject(new Error(m.error));
            return;
          }
          results[m.id] = m.result as R;
          onResult(m.id, m.result as R);
          send();
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
        send();
      });
    await Promise.all(this.workers.map(drive));
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
