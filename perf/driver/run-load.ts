import type { ClientKind, WireRequest } from './http-client.ts';
import type { LoadData } from './load-data.ts';
import { type LoadPlan, loadPlan, type PlanOverrides } from './load-plan.ts';
import type { LoadProfile } from './load-profile.ts';
import { type LoadSummary, type SecondFigures, summarize, timeSeries } from './load-summary.ts';
import { parseTarget, probeTarget } from './load-target.ts';
import { runWorker, type WorkerReport, type WorkerTask } from './open-model-worker.ts';
import { type IssuedDocuments, setupRequests, wireRequests } from './wire-requests.ts';
import { runWorkerProcesses } from './worker-pool.ts';

/** A send more than this behind its due time means the driver, not the target, is falling behind. */
export const LATE_MS = 10;
const SETUP_CONCURRENCY = 4;
/** Setup enrolments carry an Idempotency-Key, so one that timed out or met a 5xx is safely sent again. */
const SETUP_ATTEMPTS = 3;
const SETUP_TIMEOUT_MS = 60_000;

export interface LoadRunOptions {
  target: string;
  profile: LoadProfile;
  overrides?: PlanOverrides;
  data: LoadData;
  tokens?: Record<string, string> | null;
  workers?: number;
  client?: ClientKind;
  allowRemote?: boolean;
  /** Run the workers in this process (tests of the merge logic); the CLI always uses processes. */
  inProcess?: boolean;
  /** Skip the setup enrolments (capacity steps after the first). */
  skipSetup?: boolean;
}

export interface LoadRun {
  plan: LoadPlan;
  summary: LoadSummary;
  series: SecondFigures[];
  reports: WorkerReport[];
}

/** Everything that can be refused is checked here, before a single request leaves. */
export async function prepareRun(o: LoadRunOptions) {
  const url = parseTarget(o.target, o.allowRemote ?? false);
  const plan = loadPlan(o.profile, o.overrides);
  const requests = wireRequests(plan, o.data, url, o.tokens ?? null);
  const setup = o.skipSetup ? [] : setupRequests(o.data, url, o.tokens ?? null);
  await probeTarget(url);
  return { url, plan, requests, setup };
}

/**
 * Enrols the setup pool so that verification and identification find their subjects, and learns the
 * document numbers the target issued (document-status queries and reports name them). Not timed
 * load: plain fetch, a few at a time, each enrolment retried on timeout or 5xx (it carries an
 * Idempotency-Key, so a retry cannot enrol twice).
 */
async function runSetup(
  url: URL,
  setup: WireRequest[],
): Promise<{ figures: LoadSummary['setup']; issued: IssuedDocuments }> {
  if (setup.length === 0) return { figures: null, issued: [] };
  const started = performance.now();
  const failures: Record<string, number> = {};
  const issued: IssuedDocuments = setup.map(() => null);
  let ok = 0;
  let next = 0;
  const send = async (i: number, attempt: number): Promise<void> => {
    const req = setup[i];
    let failure: string;
    try {
      const res = await fetch(new URL(req.path, url), {
        method: req.method,
        headers: req.headers,
        body: req.body ?? undefined,
        signal: AbortSignal.timeout(SETUP_TIMEOUT_MS),
      });
      const text = await res.text();
      if (res.status >= 200 && res.status < 300) {
        ok++;
        issued[i] = issuedNumber(text);
        return;
      }
      failure = `http-${res.status}`;
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      failure = err.name === 'TimeoutError' ? 'timeout' : (err.cause?.code ?? err.name);
    }
    if ((failure === 'timeout' || failure.startsWith('http-5')) && attempt < SETUP_ATTEMPTS)
      return send(i, attempt + 1);
    failures[failure] = (failures[failure] ?? 0) + 1;
  };
  const lane = async (): Promise<void> => {
    while (next < setup.length) await send(next++, 1);
  };
  await Promise.all(Array.from({ length: SETUP_CONCURRENCY }, lane));
  if (ok < setup.length) {
    const why = Object.entries(failures)
      .map(([c, n]) => `${c} ×${n}`)
      .join(', ');
    const hint = failures['http-429'] ? "; start 'dactylo serve' with --rate-limit 0" : '';
    throw new Error(
      `${setup.length - ok} of ${setup.length} setup enrolments failed (${why}) before the timed run${hint}`,
    );
  }
  return {
    figures: { requests: setup.length, ok, durationMs: Math.round(performance.now() - started) },
    issued,
  };
}

/** The document number in an enrolment result ({document: {number}}), if the target issued one. */
function issuedNumber(body: string): string | null {
  try {
    const n = (JSON.parse(body) as { document?: { number?: unknown } }).document?.number;
    return typeof n === 'string' ? n : null;
  } catch {
    return null;
  }
}

export async function runLoad(o: LoadRunOptions & { seed: string }): Promise<LoadRun> {
  const { url, plan, requests: prepared, setup } = await prepareRun(o);
  const { figures: setupFigures, issued } = await runSetup(url, setup);
  const requests = issued.some((n) => n !== null)
    ? wireRequests(plan, o.data, url, o.tokens ?? null, issued)
    : prepared;
  const workers = Math.max(1, o.workers ?? 2);
  const client = o.client ?? 'raw';
  const tasks: WorkerTask[] = Array.from({ length: workers }, (_, index) => ({
    target: url.href,
    plan,
    requests,
    index,
    workers,
    client,
    lateMs: LATE_MS,
  }));
  let reports: WorkerReport[];
  let startAt: number;
  if (o.inProcess) {
    startAt = Date.now() + 50;
    reports = await Promise.all(tasks.map((t) => runWorker(t, startAt)));
  } else ({ reports, startAt } = await runWorkerProcesses(tasks));
  const summary = summarize(plan, reports, {
    seed: o.seed,
    target: url.href,
    startAt,
    client,
    setup: setupFigures,
  });
  return { plan, summary, series: timeSeries(reports), reports };
}
