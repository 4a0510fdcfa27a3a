import { parentPort } from 'node:worker_threads';
import { extractImageFile, type ImageTask } from './dactylo-extraction.ts';

// Worker side of the dactylo adapter's pool: one image file in, one template (or refusal) out.
parentPort?.on('message', (m: { id: number; task: ImageTask }) => {
  try {
    parentPort?.postMessage({ id: m.id, result: extractImageFile(m.task) });
  } catch (e) {
    parentPort?.postMessage({ id: m.id, error: (e as Error).message });
  }
});
