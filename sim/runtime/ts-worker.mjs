// Worker bootstrap: workers do not inherit the main thread's tsx hooks, so each registers its own
// before loading the TypeScript module named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.__module);
