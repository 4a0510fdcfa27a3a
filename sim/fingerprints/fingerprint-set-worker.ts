// Worker thread of generateFingerprintSet: produces whole fingers on request, posting the files back.
import { parentPort, workerData } from 'node:worker_threads';
import { type FingerJob, type FingerprintSetRequest, produceFinger } from './fingerprint-set.ts';

const request = (workerData as { request: FingerprintSetRequest }).request;

parentPort?.on('message', (job: FingerJob) => {
  try {
    const made = produceFinger(request, job);
    // Own copies: small Buffers share Node's pool, which must not be transferred away.
    const files = made.files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
    parentPort?.postMessage(
      { out: { ...made, files } },
      files.map((f) => f.bytes.buffer),
    );
  } catch (e) {
    parentPort?.postMessage({ error: (e as Error).message });
  }
});
