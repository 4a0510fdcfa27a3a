import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerReport, WorkerTask } from './open-model-worker.ts';

const RUN_TS = fileURLToPath(new URL('../../harness/cli/run-ts.mjs', import.meta.url));
const WORKER = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
/** Time for every worker to receive "go" and arm its first timer before the first arrival is due. */
const START_MARGIN_MS = 250;

type Reply =
  | { type: 'ready' }
  | { type: 'report'; report: WorkerReport }
  | { type: 'failed'; message: string };

function waitFor<T extends Reply['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<Reply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Reply) => {
      if (m.type === type) {
        cleanup();
        resolve(m as Extract<Reply, { type: T }>);
      } else if (m.type === 'failed') {
        cleanup();
        reject(new Error(`load worker failed: ${m.message}`));
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`load worker exited with code ${code} before reporting`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/**
 * Runs the tasks in separate processes (one per task) so that sending, parsing and timing never share
 * an event loop with each other or with the parent; all start at one wall-clock instant.
 */
export async function runWorkerProcesses(
  tasks: WorkerTask[],
): Promise<{ reports: WorkerReport[]; startAt: number }> {
  const children = tasks.map(() =>
    fork(RUN_TS, [WORKER], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  try {
    const ready = children.map((c) => waitFor(c, 'ready'));
    for (const [i, c] of children.entries()) c.send({ type: 'task', task: tasks[i] });
    await Promise.all(ready);
    const startAt = Date.now() + START_MARGIN_MS;
    const reports = children.map((c) => waitFor(c, 'report'));
    for (const c of children) c.send({ type: 'go', startAt });
    return { reports: (await Promise.all(reports)).map((m) => m.report), startAt };
  } finally {
    for (const c of children) if (c.connected) c.disconnect();
  }
}
