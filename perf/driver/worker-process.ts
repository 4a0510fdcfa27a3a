import { runWorker, type WorkerTask } from './open-model-worker.ts';

/**
 * Entry of a driver worker process (started by worker-pool.ts through harness/cli/run-ts.mjs):
 * receives its task, says when ready, runs at the common start time and sends its report back.
 */
type Message = { type: 'task'; task: WorkerTask } | { type: 'go'; startAt: number };

let task: WorkerTask | null = null;
process.on('message', (m: Message) => {
  if (m.type === 'task') {
    task = m.task;
    process.send?.({ type: 'ready' });
  } else if (m.type === 'go' && task) {
    runWorker(task, m.startAt).then(
      (report) => process.send?.({ type: 'report', report }),
      (e: Error) => process.send?.({ type: 'failed', message: e.message }),
    );
  }
});
process.on('disconnect', () => process.exit(0));
