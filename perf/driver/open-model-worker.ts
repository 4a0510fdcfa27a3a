import type { Histogram } from 'hdr-histogram-js';
import { arrivalSchedule, workerSlice } from './arrival-schedule.ts';
import { type ClientKind, loadClient, type WireRequest } from './http-client.ts';
import { encodeHistogram, newHistogram, recordMs } from './latency-recorder.ts';
import type { LoadPlan } from './load-plan.ts';

/**
 * One worker's share of an open-model run: its slice of the arrival schedule is sent on time whether
 * or not earlier requests have returned, and each latency is measured from the arrival's intended
 * send time, so a server that stalls shows up as growing latency, never as fewer requests
 * (no coordinated omission). Only the in-flight bound stops a send, and such a send is counted.
 */

export interface WorkerTask {
  target: string;
  plan: LoadPlan;
  /** Requests of each scenario (plan.scenarios order); arrival k uses requests[k mod length]. */
  requests: WireRequest[][];
  index: number;
  workers: number;
  client: ClientKind;
  /** A send this much behind its due time counts as late. */
  lateMs: number;
}

export interface WorkerReport {
  index: number;
  scheduled: number;
  sent: number;
  completed: number;
  ok: number;
  dropped: number;
  late: number;
  abandoned: number;
  maxLateMs: number;
  /** ms from the start to the last response. */
  lastCompletionMs: number;
  /** CPU time (user + system) the worker spent during the run, ms: the driver's own cost. */
  cpuMs: number;
  errors: Record<string, number>;
  latency: string;
  byOperation: Record<string, { scheduled: number; ok: number; errors: number; latency: string }>;
  /** Index = second of the run; sent and latency by intended send second, completed by response second. */
  perSecond: { sent: number[]; completed: number[]; errors: number[]; latency: (string | null)[] };
}

function succeeded(expected: number[] | null, status: number): boolean {
  return expected ? expected.includes(status) : status >= 200 && status < 300;
}

/** Sends the worker's slice, starting at `startAt` (a Date.now() epoch shared by all workers). */
export async function runWorker(task: WorkerTask, startAt: number): Promise<WorkerReport> {
  const { plan } = task;
  const slice = workerSlice(arrivalSchedule(plan), task.index, task.workers);
  const caps = plan.scenarios.map((s) => Math.max(1, Math.ceil(s.maxInFlight / task.workers)));
  const maxSockets = caps.reduce((a, b) => a + b, 0);
  const client = loadClient(task.client, new URL(task.target), maxSockets, plan.requestTimeoutMs);
  const seconds = Math.ceil((plan.durationMs + plan.gracefulStopMs) / 1000) + 1;
  const zero = () => new Array<number>(seconds).fill(0);
  const perSecond = { sent: zero(), completed: zero(), errors: zero() };
  const perSecondLatency: (Histogram | null)[] = new Array(seconds).fill(null);
  const total = newHistogram();
  const ops = plan.scenarios.map(() => ({ scheduled: 0, ok: 0, errors: 0, latency: newHistogram() }));
  const errors: Record<string, number> = {};
  const inFlight = plan.scenarios.map(() => 0);
  const pending = new Map<number, { at: number; scenario: number }>();
  const r = {
    scheduled: slice.atMs.length,
    sent: 0,
    completed: 0,
    ok: 0,
    dropped: 0,
    late: 0,
    abandoned: 0,
    maxLateMs: 0,
    lastCompletionMs: 0,
  };
  const origin = performance.now() + (startAt - Date.now());
  let cpuAtStart = process.cpuUsage();
  const second = (ms: number) => Math.min(seconds - 1, Math.max(0, Math.floor(ms / 1000)));
  const fail = (code: string, atMs: number, s: number) => {
    errors[code] = (errors[code] ?? 0) + 1;
    ops[s].errors++;
    perSecond.errors[second(atMs)]++;
  };
  const record = (s: number, atMs: number, latencyMs: number) => {
    recordMs(total, latencyMs);
    recordMs(ops[s].latency, latencyMs);
    const sec = second(atMs);
    perSecondLatency[sec] ??= newHistogram();
    recordMs(perSecondLatency[sec], latencyMs);
  };

  let allSent: () => void = () => {};
  let allDone: () => void = () => {};
  const sentAll = new Promise<void>((resolve) => {
    allSent = resolve;
  });
  const doneAll = new Promise<void>((resolve) => {
    allDone = resolve;
  });

  let next = 0;
  const fire = (i: number, now: number) => {
    const s = slice.scenario[i];
    const at = slice.atMs[i];
    ops[s].scheduled++;
    perSecond.sent[second(at)]++;
    if (inFlight[s] >= caps[s]) {
      r.dropped++;
      fail('dropped', at, s);
      return;
    }
    const behind = now - at;
    if (behind > task.lateMs) r.late++;
    if (behind > r.maxLateMs) r.maxLateMs = behind;
    r.sent++;
    inFlight[s]++;
    pending.set(i, { at, scenario: s });
    const pool = task.requests[s];
    client.send(pool[slice.iteration[i] % pool.length], (status, error) => {
      if (!pending.delete(i)) return; // abandoned at the end of the grace period
      inFlight[s]--;
      const done = performance.now() - origin;
      r.completed++;
      r.lastCompletionMs = Math.max(r.lastCompletionMs, done);
      perSecond.completed[second(done)]++;
      record(s, at, done - at);
      if (error === null && succeeded(plan.scenarios[s].expectedStatuses, status)) {
        r.ok++;
        ops[s].ok++;
      } else fail(error ?? `http-${status}`, at, s);
      if (pending.size === 0 && next >= slice.atMs.length) allDone();
    });
  };

  const pump = () => {
    const now = performance.now() - origin;
    while (next < slice.atMs.length && slice.atMs[next] <= now) fire(next++, now);
    if (next < slice.atMs.length) setTimeout(pump, Math.max(0, slice.atMs[next] - now));
    else allSent();
  };
  setTimeout(
    () => {
      cpuAtStart = process.cpuUsage();
      pump();
    },
    Math.max(0, -(performance.now() - origin)),
  );
  await sentAll;
  if (pending.size === 0) allDone();
  const grace = new Promise<void>((resolve) => setTimeout(resolve, plan.gracefulStopMs).unref());
  await Promise.race([doneAll, grace]);
  const end = performance.now() - origin;
  for (const [, p] of pending) {
    // Never answered: its latency is at least the time waited, recorded as such so percentiles stay honest.
    r.abandoned++;
    record(p.scenario, p.at, end - p.at);
    fail('abandoned', p.at, p.scenario);
  }
  pending.clear();
  client.close();
  const cpu = process.cpuUsage(cpuAtStart);
  return {
    index: task.index,
    ...r,
    cpuMs: (cpu.user + cpu.system) / 1000,
    errors,
    latency: encodeHistogram(total),
    byOperation: Object.fromEntries(
      plan.scenarios.map((s, k) => [
        s.name,
        {
          scheduled: ops[k].scheduled,
          ok: ops[k].ok,
          errors: ops[k].errors,
          latency: encodeHistogram(ops[k].latency),
        },
      ]),
    ),
    perSecond: { ...perSecond, latency: perSecondLatency.map((h) => (h ? encodeHistogram(h) : null)) },
  };
}
