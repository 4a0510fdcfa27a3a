import { afterEach, describe, expect, it } from 'vitest';
import { assertValid } from '../../harness/contract/validate.ts';
import { plannedArrivals } from './load-plan.ts';
import { runLoad } from './run-load.ts';
import { HEALTH_DATA, healthProfile, tinyServer } from './tiny-server.test-helper.ts';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

describe('open-model driver against a tiny fastify server', () => {
  it('sends every arrival from two worker processes and merges their histograms into one schema-valid summary', async () => {
    const server = await tinyServer();
    close = () => server.app.close();
    const run = await runLoad({
      target: server.url,
      profile: healthProfile(200, 2),
      data: HEALTH_DATA,
      seed: 's',
      workers: 2,
    });
    const s = run.summary;
    expect(s.scheduled).toBe(plannedArrivals(run.plan.scenarios[0]));
    expect(s.scheduled).toBe(400);
    expect(run.reports.map((r) => r.scheduled)).toEqual([200, 200]);
    expect(s.sent).toBe(400);
    expect(s.ok).toBe(400);
    expect(server.received()).toBe(400);
    expect(s.errors).toEqual({});
    expect(s.workers).toBe(2);
    // The merged histogram holds every sample of both workers, and its percentiles bracket theirs.
    expect(run.series.reduce((a, r) => a + r.sent, 0)).toBe(400);
    expect(s.latencyMs.max).toBeGreaterThanOrEqual(s.latencyMs.p99);
    assertValid('load-summary.schema.json', s);
  });

  it('keeps sending on schedule while the server stalls: latency grows from the intended send time', async () => {
    // Every request received between 0.5 s and 1.5 s into the run is held until 1.5 s.
    let t0 = 0;
    const server = await tinyServer({
      stall: (now) => {
        t0 ||= now;
        const at = now - t0;
        return at >= 500 && at < 1500 ? 1500 - at : 0;
      },
    });
    close = () => server.app.close();
    const run = await runLoad({
      target: server.url,
      profile: healthProfile(100, 2.5),
      data: HEALTH_DATA,
      seed: 's',
      workers: 1,
      inProcess: true,
    });
    const s = run.summary;
    // A closed-model client would have sent fewer requests during the stall; this one sent them all.
    expect(s.sent).toBe(250);
    expect(run.series[0].sent + run.series[1].sent).toBe(200);
    expect(s.ok).toBe(250);
    // The request due at ~0.5 s waited ~1 s: latency from its intended send time, not from when it left.
    expect(s.latencyMs.max).toBeGreaterThan(850);
    expect(s.latencyMs.p90).toBeGreaterThan(300);
    expect(s.objectives.met).toBe(false);
    // Arrivals due in the second half of second 0 were held until 1.5 s (0.5 to 1 s); those of second 2 were not.
    expect(run.series[0].p99Ms).toBeGreaterThan(700);
    expect(run.series[2].p50Ms).toBeLessThan(100);
  });

  it('counts arrivals beyond the in-flight bound as dropped errors, never silently', async () => {
    const server = await tinyServer({ stall: () => 800 });
    close = () => server.app.close();
    const run = await runLoad({
      target: server.url,
      profile: healthProfile(50, 1, 5),
      data: HEALTH_DATA,
      seed: 's',
      workers: 1,
      inProcess: true,
    });
    const s = run.summary;
    expect(s.scheduled).toBe(50);
    expect(s.sent + s.dropped).toBe(50);
    expect(s.dropped).toBeGreaterThan(30);
    expect(s.errors.dropped).toBe(s.dropped);
    expect(s.errorRate).toBeCloseTo(s.dropped / 50, 6);
    assertValid('load-summary.schema.json', s);
  });
});
