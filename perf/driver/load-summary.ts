import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';
import { type LatencyFigures, latencyFigures, mergeHistograms } from './latency-recorder.ts';
import { type LoadPlan, meetsObjectives } from './load-plan.ts';
import type { WorkerReport } from './open-model-worker.ts';

/** DIR/summary.json (harness/contract/load-summary.schema.json). */
export interface LoadSummary {
  kind: 'dactylo-load-summary';
  version: string;
  seed: string;
  profile: string;
  target: string;
  startedAt: string;
  durationS: number;
  rateScale: number;
  timeScale: number | null;
  workers: number;
  client: string;
  /** Arrivals planned per second over the run. */
  offeredRate: number;
  /** Responses (any status) per second, from the start to the later of the run's end and the last response. */
  throughput: number;
  scheduled: number;
  sent: number;
  completed: number;
  ok: number;
  dropped: number;
  late: number;
  abandoned: number;
  maxLateMs: number;
  /** CPU seconds the driver's workers used per second of run: far below the workers' count means headroom. */
  driverCpuPerS: number;
  /** Driver CPU microseconds per request sent. */
  driverCpuUsPerRequest: number;
  errorRate: number;
  errors: Record<string, number>;
  latencyMs: Omit<LatencyFigures, 'count'>;
  operations: Record<
    string,
    { scheduled: number; ok: number; errors: number; latencyMs: Omit<LatencyFigures, 'count'> }
  >;
  objectives: { p99Ms: number; errorRate: number; met: boolean };
  setup: { requests: number; ok: number; durationMs: number } | null;
}

/** One second of the run: arrivals due in it, responses in it, and the latency of the arrivals due in it. */
export interface SecondFigures {
  t: number;
  sent: number;
  completed: number;
  errors: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

export interface RunContext {
  seed: string;
  target: string;
  startAt: number;
  client: string;
  setup: LoadSummary['setup'];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function figures(encoded: string[]): Omit<LatencyFigures, 'count'> {
  const h = mergeHistograms(encoded);
  const { count: _, ...f } = latencyFigures(h);
  h.destroy();
  return f;
}

export function summarize(plan: LoadPlan, reports: WorkerReport[], ctx: RunContext): LoadSummary {
  const total = (k: keyof WorkerReport) => sum(reports.map((r) => r[k] as number));
  const errors: Record<string, number> = {};
  for (const r of reports)
    for (const [code, n] of Object.entries(r.errors)) errors[code] = (errors[code] ?? 0) + n;
  const scheduled = total('scheduled');
  const completed = total('completed');
  const operations: LoadSummary['operations'] = {};
  for (const s of plan.scenarios) {
    const parts = reports.map((r) => r.byOperation[s.name]);
    operations[s.name] = {
      scheduled: sum(parts.map((p) => p.scheduled)),
      ok: sum(parts.map((p) => p.ok)),
      errors: sum(parts.map((p) => p.errors)),
      latencyMs: figures(parts.map((p) => p.latency)),
    };
  }
  const errorRate = scheduled === 0 ? 0 : sum(Object.values(errors)) / scheduled;
  const elapsedS = Math.max(plan.durationMs, ...reports.map((r) => r.lastCompletionMs)) / 1000;
  const met = meetsObjectives(plan, {
    errorRate,
    p99MsByOperation: Object.fromEntries(Object.entries(operations).map(([k, o]) => [k, o.latencyMs.p99])),
  });
  return {
    kind: 'dactylo-load-summary',
    version: DACTYLO_VERSION,
    seed: ctx.seed,
    profile: plan.profile,
    target: ctx.target,
    startedAt: new Date(ctx.startAt).toISOString(),
    durationS: plan.durationMs / 1000,
    rateScale: plan.rateScale,
    timeScale: plan.timeScale,
    workers: reports.length,
    client: ctx.client,
    offeredRate: round(scheduled / (plan.durationMs / 1000)),
    throughput: round(completed / elapsedS),
    scheduled,
    sent: total('sent'),
    completed,
    ok: total('ok'),
    dropped: total('dropped'),
    late: total('late'),
    abandoned: total('abandoned'),
    maxLateMs: round(Math.max(0, ...reports.map((r) => r.maxLateMs))),
    driverCpuPerS: round(total('cpuMs') / 1000 / elapsedS),
    driverCpuUsPerRequest: round((total('cpuMs') * 1000) / Math.max(1, total('sent')), 1),
    errorRate: round(errorRate, 6),
    errors,
    latencyMs: figures(reports.map((r) => r.latency)),
    operations,
    objectives: { ...plan.objectives, met },
    setup: ctx.setup,
  };
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Per-second figures of all workers together, up to the last second anything happened in. */
export function timeSeries(reports: WorkerReport[]): SecondFigures[] {
  const n = Math.max(...reports.map((r) => r.perSecond.sent.length));
  const rows: SecondFigures[] = [];
  for (let t = 0; t < n; t++) {
    const h = mergeHistograms(reports.map((r) => r.perSecond.latency[t]));
    const f = latencyFigures(h);
    h.destroy();
    rows.push({
      t,
      sent: sum(reports.map((r) => r.perSecond.sent[t] ?? 0)),
      completed: sum(reports.map((r) => r.perSecond.completed[t] ?? 0)),
      errors: sum(reports.map((r) => r.perSecond.errors[t] ?? 0)),
      p50Ms: f.count > 0 ? f.p50 : null,
      p99Ms: f.count > 0 ? f.p99 : null,
    });
  }
  let last = rows.length - 1;
  while (last > 0 && rows[last].sent === 0 && rows[last].completed === 0 && rows[last].errors === 0) last--;
  return rows.slice(0, last + 1);
}
