/**
 * The reference API's capacity (issue 9), each figure with its ratio to the target, in one run:
 * - 1:1 verifications/s at p99 ≤ 50 ms and errors ≤ 0.1 % (capacity search with the built-in driver,
 *   its workers on the same 2 cores; target ≥ 1,000/s);
 * - enrolments/s with 1:N deduplication over HTTP, constant-rate steps (each with fresh residents, so
 *   none is an idempotent replay), the sustained rate at p99 ≤ 2 s and errors ≤ 0.1 %, with the
 *   reference's dedup gallery pre-filled (`dactylo serve --background-gallery`) with 0, 100k and 1M
 *   template-only templates (target ≥ 100/s against 1M);
 * - the dedup search alone (the six best fingers of an applicant searched 1:N, as enrolment does)
 *   against template-only galleries of 100,000 and 1,000,000 templates, in process (target: ≥ 100
 *   enrolments/s against 1M, so a dedup search must cost ≤ 10 ms of the 2 cores).
 *
 *   node harness/cli/run-ts.mjs perf/bench/reference-capacity.ts [--only verify,enrol,dedup]
 *     [--database-url URL] [--step-seconds S] [--max-steps N] [--dedup-sizes 100000,1000000]
 *     [--dedup-probes N] [--enrol-galleries 0,100000,1000000]
 *     [--gallery-cache DIR (default $TMPDIR/dactylo-bench-galleries)] [--profile-server DIR]
 *
 * Default database: the embedded PGlite in memory (as `dactylo serve`); `--database-url` for
 * PostgreSQL. `--profile-server DIR` writes the server's CPU profile there (node --cpu-prof).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFERENCE_TUNING } from '../../sim/reference/reference-tuning.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';
import { searchCapacity } from '../driver/capacity-search.ts';
import { readContract } from '../driver/contract-operations.ts';
import { loadData } from '../driver/load-data.ts';
import { loadPlan } from '../driver/load-plan.ts';
import type { LoadProfile } from '../driver/load-profile.ts';
import { runLoad } from '../driver/run-load.ts';
import { readTokens, wireRequests } from '../driver/wire-requests.ts';
import { backgroundGalleryFile, dedupSearchFigures } from './dedup-search.ts';
import { type ReferenceProcess, startReference } from './reference-process.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const ONLY = new Set(arg('--only', 'verify,enrol,dedup').split(','));
const STEP_S = Number(arg('--step-seconds', '4'));
const MAX_STEPS = Number(arg('--max-steps', '8'));
const WORKERS = 2;
const DATABASE_URL = process.argv.includes('--database-url') ? arg('--database-url', '') : undefined;
const PROFILE_DIR = process.argv.includes('--profile-server') ? arg('--profile-server', '') : undefined;
const VERIFY_TARGET = 1000;
const ENROL_TARGET = 100;
const out = (s: string) => process.stdout.write(`${s}\n`);

async function withReference<T>(
  f: (ref: ReferenceProcess, tokens: Record<string, string>) => Promise<T>,
  backgroundGallery?: string,
) {
  const dir = mkdtempSync(join(tmpdir(), 'dactylo-bench-reference-'));
  const tokenFile = join(dir, 'tokens.json');
  const ref = await startReference({
    tokenFile,
    databaseUrl: DATABASE_URL,
    backgroundGallery,
    execArgv: PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [],
  });
  try {
    return await f(ref, readTokens(tokenFile));
  } finally {
    await ref.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Server CPU per request over a step (from /proc; stable where wall-clock latency is not). */
function serverCpuMsPerRequest(ref: ReferenceProcess, before: number | null, requests: number): string {
  const after = ref.cpuSeconds();
  if (before === null || after === null || requests === 0) return '?';
  return ((1000 * (after - before)) / requests).toFixed(2);
}

function verifyRun(
  ref: ReferenceProcess,
  profile: LoadProfile,
  data: ReturnType<typeof loadData>,
  tokens: Record<string, string>,
) {
  return { target: ref.url, profile, data, tokens, seed: 'bench', workers: WORKERS };
}

async function verifications(): Promise<void> {
  await withReference(async (ref, tokens) => {
    const profile: LoadProfile = {
      name: 'verification-capacity',
      description: 'constant-rate 1:1 verification steps',
      durationS: STEP_S,
      mix: [{ operationId: 'verify', weight: 1 }],
      arrival: { model: 'constant', ratePerS: Number(arg('--start-rate', '100')) },
      objectives: { p99Ms: 50, errorRate: 0.001 },
      limits: { maxInFlight: 1000, requestTimeoutMs: 5000, gracefulStopS: 3 },
      dataset: { residents: 200 },
    };
    const data = loadData(profile, readContract(), 'bench');
    let first = true;
    const result = await searchCapacity(
      async (rateScale) => {
        if (first)
          await runLoad({ ...verifyRun(ref, profile, data, tokens), overrides: { rateScale: 0.05 } });
        first = false;
        const cpu = ref.cpuSeconds();
        const run = await runLoad({
          ...verifyRun(ref, profile, data, tokens),
          overrides: { rateScale },
          skipSetup: true,
        });
        const s = run.summary;
        out(
          `    step ${s.offeredRate}/s: throughput ${s.throughput}/s, p50 ${s.latencyMs.p50} ms, p99 ${s.latencyMs.p99} ms, errors ${s.errorRate}; ` +
            `server ${serverCpuMsPerRequest(ref, cpu, s.completed)} ms CPU/request, driver ${s.driverCpuUsPerRequest} µs CPU/request`,
        );
        return {
          rateScale,
          offeredRate: s.offeredRate,
          throughput: s.throughput,
          p99Ms: s.latencyMs.p99,
          errorRate: s.errorRate,
          met: s.objectives.met,
        };
      },
      { maxSteps: MAX_STEPS, tolerance: 0.15 },
    );
    out(
      `  verifications (1 finger, ${DATABASE_URL ? 'PostgreSQL' : 'PGlite'}): ${result.rate ?? 'none'} /s at p99 ≤ 50 ms` +
        ` (target ≥ ${VERIFY_TARGET}/s: ratio ${((result.rate ?? 0) / VERIFY_TARGET).toFixed(3)})${result.converged ? '' : ', search not converged'}`,
    );
  });
}

/** One enrolment, answered whenever it is: the first search of a large gallery builds its index. */
async function warmUp(ref: ReferenceProcess, tokens: Record<string, string>): Promise<number> {
  const profile = enrolmentProfile(1);
  const data = loadData(profile, readContract(), 'bench-enrol-warm-up');
  const [[request]] = wireRequests(loadPlan(profile), data, new URL(ref.url), tokens);
  const t0 = performance.now();
  const res = await fetch(ref.url + request.path, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(900_000),
  });
  await res.text();
  if (res.status !== 201) throw new Error(`warm-up enrolment answered ${res.status}`);
  return (performance.now() - t0) / 1000;
}

function enrolmentProfile(rate: number): LoadProfile {
  return {
    name: 'enrolment-capacity',
    description: 'constant-rate enrolments with 1:N deduplication',
    durationS: STEP_S,
    mix: [{ operationId: 'enrol', weight: 1 }],
    arrival: { model: 'constant', ratePerS: rate },
    objectives: { p99Ms: 2000, errorRate: 0.001 },
    limits: { maxInFlight: 1000, requestTimeoutMs: 10_000, gracefulStopS: 5 },
    // Each arrival a resident of its own: a repeated record would be an idempotent replay.
    dataset: { residents: Math.ceil(rate * STEP_S) + 1 },
  };
}

async function enrolmentsAgainst(size: number): Promise<void> {
  const cacheDir = arg('--gallery-cache', join(tmpdir(), 'dactylo-bench-galleries'));
  const file = size > 0 ? await backgroundGalleryFile(size, availableParallelism(), cacheDir) : undefined;
  await withReference(async (ref, tokens) => {
    const warm = await warmUp(ref, tokens);
    out(
      `    background gallery ${size.toLocaleString('en')} templates${file ? ` (${file})` : ''}; first enrolment (indexes the gallery) ${warm.toFixed(1)} s`,
    );
    const base = Number(arg('--enrol-start-rate', '10'));
    let step = 0;
    const result = await searchCapacity(
      async (rateScale) => {
        const profile = enrolmentProfile(Math.max(1, Math.round(base * rateScale)));
        const seed = `bench-enrol-${size}-${step++}`;
        const cpu = ref.cpuSeconds();
        const run = await runLoad({
          target: ref.url,
          profile,
          data: loadData(profile, readContract(), seed),
          tokens,
          seed,
          workers: WORKERS,
        });
        const s = run.summary;
        out(
          `    step ${s.offeredRate}/s: throughput ${s.throughput}/s, p50 ${s.latencyMs.p50} ms, p99 ${s.latencyMs.p99} ms, errors ${s.errorRate}; server ${serverCpuMsPerRequest(ref, cpu, s.completed)} ms CPU/request`,
        );
        return {
          rateScale,
          offeredRate: s.offeredRate,
          throughput: s.throughput,
          p99Ms: s.latencyMs.p99,
          errorRate: s.errorRate,
          met: s.objectives.met,
        };
      },
      { maxSteps: MAX_STEPS, tolerance: 0.15, minScale: 1 / 64 },
    );
    out(
      `  enrolments with dedup over HTTP against ${size.toLocaleString('en')} background templates (${DATABASE_URL ? 'PostgreSQL' : 'PGlite'}): ${result.rate ?? 'none'} /s at p99 ≤ 2 s` +
        ` (target ≥ ${ENROL_TARGET}/s against 1M: ratio ${((result.rate ?? 0) / ENROL_TARGET).toFixed(3)})${result.converged ? '' : ', search not converged'}`,
    );
  }, file);
}

async function enrolments(): Promise<void> {
  for (const size of arg('--enrol-galleries', '0,100000,1000000').split(',').map(Number))
    await enrolmentsAgainst(size);
}

async function dedup(): Promise<void> {
  const sizes = arg('--dedup-sizes', '100000,1000000').split(',').map(Number);
  const probes = Number(arg('--dedup-probes', '10'));
  const cacheDir = arg('--gallery-cache', join(tmpdir(), 'dactylo-bench-galleries'));
  for (const f of await dedupSearchFigures({ sizes, probes, workers: availableParallelism(), cacheDir })) {
    const perSecond = 1000 / f.meanMs;
    out(
      `  dedup search (${REFERENCE_TUNING.dedupProbeFingers} fingers × 1:N) against ${f.size.toLocaleString('en')} templates: ` +
        `mean ${f.meanMs.toFixed(0)} ms, p99 ${f.p99Ms.toFixed(0)} ms over ${f.probes} applicants, ` +
        `i.e. at most ${perSecond.toFixed(2)} enrolments/s on these ${availableParallelism()} cores` +
        ` (target ≥ ${ENROL_TARGET}/s: ratio ${(perSecond / ENROL_TARGET).toFixed(4)}); mated applicant found ${f.found}/${f.probes}; gallery built in ${f.buildS.toFixed(0)} s`,
    );
  }
}

out(
  `reference capacity, dactylo ${DACTYLO_VERSION}, ${availableParallelism()} cores, load average ${(await import('node:os')).loadavg()[0].toFixed(1)} at start`,
);
if (ONLY.has('verify')) await verifications();
if (ONLY.has('enrol')) await enrolments();
if (ONLY.has('dedup')) await dedup();
