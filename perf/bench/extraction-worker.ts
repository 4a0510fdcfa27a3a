import { parentPort, workerData } from 'node:worker_threads';
import type { GrayImage } from '../../sim/image/gray-image.ts';
import { extract } from '../../sim/matcher/extract.ts';

// One worker's share of perf/bench/extraction.ts: extract its images `rounds` times, report the count.
const { images, rounds } = workerData as { images: GrayImage[]; rounds: number };
let count = 0;
for (let r = 0; r < rounds; r++) {
  for (const img of images) {
    extract(img);
    count++;
  }
}
parentPort?.postMessage(count);
