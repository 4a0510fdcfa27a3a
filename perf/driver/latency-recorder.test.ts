import { expect, it } from 'vitest';
import {
  encodeHistogram,
  latencyFigures,
  mergeHistograms,
  newHistogram,
  recordMs,
} from './latency-recorder.ts';

it('merges histograms from several workers into the percentiles of all their samples', () => {
  const workers = [newHistogram(), newHistogram(), newHistogram()];
  const all = newHistogram();
  for (let i = 1; i <= 3000; i++) {
    const ms = (i % 997) * 0.37 + (i % 3 === 0 ? 400 : 0);
    recordMs(workers[i % 3], ms);
    recordMs(all, ms);
  }
  const merged = mergeHistograms(workers.map(encodeHistogram));
  // Percentiles are exact; the maximum travels as its bucket's upper bound (3 significant digits).
  const { mean, max, ...exact } = latencyFigures(merged);
  const { mean: allMean, max: allMax, ...allExact } = latencyFigures(all);
  expect(exact).toEqual(allExact);
  expect(mean).toBeCloseTo(allMean, 2);
  expect(Math.abs(max - allMax) / allMax).toBeLessThan(1e-3);
  expect(merged.totalCount).toBe(3000);
  // One worker alone (the one with the +400 ms samples) would give a different p50: the merge matters.
  expect(latencyFigures(workers[0]).p50).toBeGreaterThan(latencyFigures(merged).p50 + 100);
});
