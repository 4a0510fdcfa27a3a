import { parentPort } from 'node:worker_threads';
import { runTask, type SearchTask } from './search-tasks.ts';

// A search thread: runs the tasks identify.ts hands it, one at a time, and answers each by its id.
parentPort!.on('message', (message: { id: number; task: SearchTask }) => {
  try {
    parentPort!.postMessage({ id: message.id, result: runTask(message.task) });
  } catch (e) {
    parentPort!.postMessage({ id: message.id, error: (e as Error).message });
  }
});
