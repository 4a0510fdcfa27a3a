import { expect, it } from 'vitest';
import { searchCapacity } from './capacity-search.ts';

/** A target that meets the objectives up to `limit` requests/s at a profile rate of 100/s. */
const target = (limit: number) => async (rateScale: number) => {
  const offeredRate = 100 * rateScale;
  const met = offeredRate <= limit;
  return {
    rateScale,
    offeredRate,
    throughput: Math.min(offeredRate, limit),
    p99Ms: met ? 10 : 500,
    errorRate: 0,
    met,
  };
};

it('doubles then bisects to the highest rate that meets the objectives', async () => {
  const r = await searchCapacity(target(730), { tolerance: 0.05, maxSteps: 20 });
  expect(r.converged).toBe(true);
  expect(r.rate).toBeLessThanOrEqual(730);
  expect(r.rate).toBeGreaterThan(730 / 1.05);
  expect(r.steps.slice(0, 4).map((s) => s.rateScale)).toEqual([1, 2, 4, 8]);
});

it('halves when even the profile rate misses, and reports no rate when nothing meets', async () => {
  const low = await searchCapacity(target(30), { tolerance: 0.1 });
  expect(low.rate).toBeGreaterThan(30 / 1.1);
  expect(low.rate).toBeLessThanOrEqual(30);
  const none = await searchCapacity(target(0), { minScale: 1 / 8 });
  expect(none.rate).toBeNull();
  expect(none.steps.map((s) => s.rateScale)).toEqual([1, 0.5, 0.25, 0.125]);
});
