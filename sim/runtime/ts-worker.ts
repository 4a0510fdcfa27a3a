import { Worker, type WorkerOptions } from 'node:worker_threads';

const bootstrap = new URL('./ts-worker.mjs', import.meta.url);

/**
 * Starts a worker thread that runs a TypeScript module, in the CLI (tsx) and under vitest alike.
 * `moduleUrl` is usually `new URL('./some-worker.ts', import.meta.url).href`.
 */
export function startTsWorker(
  moduleUrl: string,
  data: Record<string, unknown>,
  options: WorkerOptions = {},
): Worker {
  return new Worker(bootstrap, { ...options, workerData: { ...data, __module: moduleUrl } });
}
