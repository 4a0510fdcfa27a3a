/**
 * The built-in load driver's own ceiling against a trivial endpoint, compared in the same run with
 * autocannon (the baseline): both get the same server process, the same number of sockets and the
 * same number of workers. The driver is open-model, so its ceiling is found by offering more than
 * the server can take, with the in-flight bound equal to autocannon's connections: the responses per
 * second it then achieves is what it can drive. Both node:http (keep-alive Agent) and Node's fetch
 * are measured, to choose the default client.
 *
 *   node harness/cli/run-ts.mjs perf/bench/load-driver.ts [--seconds S] [--connections C] [--workers W]
 *
 * Target (issue 9): the driver within 20 % of autocannon.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';
import type { ClientKind } from '../driver/http-client.ts';
import type { LoadData } from '../driver/load-data.ts';
import type { LoadProfile } from '../driver/load-profile.ts';
import { runLoad } from '../driver/run-load.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const SECONDS = arg('--seconds', 8);
const CONNECTIONS = arg('--connections', 64);
const WORKERS = arg('--workers', 2);
const RUN_TS = fileURLToPath(new URL('../../harness/cli/run-ts.mjs', import.meta.url));
const SERVER = fileURLToPath(new URL('./load-driver-server.ts', import.meta.url));

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(RUN_TS, [SERVER], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve({ child, url: `http://127.0.0.1:${m.port}` }));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** autocannon's rate and CPU per request (its worker threads are in this process, so cpuUsage counts them). */
async function baseline(url: string, seconds: number): Promise<{ rate: number; cpuUs: number }> {
  const cpu = process.cpuUsage();
  const r = await autocannon({
    url: `${url}/ping`,
    connections: CONNECTIONS,
    duration: seconds,
    workers: WORKERS,
  });
  const used = process.cpuUsage(cpu);
  return {
    rate: r.requests.total / seconds,
    cpuUs: (used.user + used.system) / Math.max(1, r.requests.total),
  };
}

const data: LoadData = {
  manifest: {
    kind: 'dactylo-load-data',
    version: DACTYLO_VERSION,
    seed: 'bench',
    profile: 'ping',
    contract: { title: 'trivial endpoint', version: '0' },
    applicationDate: '2025-01-01',
    operations: { ping: { method: 'GET', path: '/ping', role: null, file: 'ping', count: 1 } },
    setup: null,
  },
  files: new Map([['ping', [{}]]]),
};

async function driver(url: string, ratePerS: number, client: ClientKind) {
  const profile: LoadProfile = {
    name: 'ping',
    description: 'GET /ping',
    durationS: SECONDS,
    mix: [{ operationId: 'ping', weight: 1 }],
    arrival: { model: 'constant', ratePerS: Math.round(ratePerS) },
    objectives: { p99Ms: 1000, errorRate: 1 },
    limits: { maxInFlight: CONNECTIONS, requestTimeoutMs: 5000, gracefulStopS: 2 },
  };
  const run = await runLoad({ target: url, profile, data, seed: 'bench', workers: WORKERS, client });
  return run.summary;
}

const { child, url } = await startServer();
try {
  process.stdout.write(
    `load driver ceiling vs autocannon: trivial fastify endpoint on loopback, ${SECONDS} s per run, ${CONNECTIONS} sockets, ${WORKERS} workers, dactylo ${DACTYLO_VERSION}\n`,
  );
  await baseline(url, 2); // warm the server's JIT before anything is measured
  const { rate: ac, cpuUs } = await baseline(url, SECONDS);
  process.stdout.write(
    `  autocannon (closed model, ${CONNECTIONS} connections):   ${Math.round(ac)} req/s, ${cpuUs.toFixed(0)} µs CPU per request\n`,
  );
  for (const client of ['raw', 'http', 'fetch'] as ClientKind[]) {
    // Offer half again what autocannon achieved: the excess is dropped at the in-flight bound.
    const s = await driver(url, ac * 1.5, client);
    const ratio = s.throughput / ac;
    process.stdout.write(
      `  dactylo driver, ${client.padEnd(5)} (open model, offered ${s.offeredRate}/s): ${Math.round(s.throughput)} req/s ` +
        `(p50 ${s.latencyMs.p50} ms from intended send, dropped ${s.dropped}, late ${s.late}), ${s.driverCpuUsPerRequest} µs CPU per request; ` +
        `throughput ratio ${ratio.toFixed(2)} ${ratio >= 0.8 ? '(within 20 %)' : '(NOT within 20 %)'}, CPU per request ratio ${(s.driverCpuUsPerRequest / cpuUs).toFixed(2)}\n`,
    );
  }
  // At a rate it can sustain, the driver keeps its schedule: no drops, few late sends.
  const sustained = await driver(url, ac * 0.6, 'raw');
  process.stdout.write(
    `  dactylo driver at 60 % of that (${sustained.offeredRate}/s offered): ${Math.round(sustained.throughput)} req/s, p99 ${sustained.latencyMs.p99} ms, dropped ${sustained.dropped}, late ${sustained.late}, max late ${sustained.maxLateMs} ms\n`,
  );
} finally {
  child.disconnect();
}

// ---------------------------------------------------------------------------------------------------
// The reference API (`dactylo serve`, PGlite in memory): sustainable 1:1 verifications per second at
// p99 ≤ 50 ms, found by the capacity search over short constant-rate steps (issue 9 target: ≥ 1,000/s).
if (!process.argv.includes('--no-reference')) await referenceVerifications();

async function referenceVerifications(): Promise<void> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { readContract } = await import('../driver/contract-operations.ts');
  const { loadData } = await import('../driver/load-data.ts');
  const { readTokens } = await import('../driver/wire-requests.ts');
  const { searchCapacity } = await import('../driver/capacity-search.ts');
  const dir = mkdtempSync(join(tmpdir(), 'dactylo-bench-serve-'));
  const tokenFile = join(dir, 'tokens.json');
  const serve = fork(
    fileURLToPath(new URL('../../harness/cli/dactylo.mjs', import.meta.url)),
    ['serve', '--port', '0', '--token-file', tokenFile, '--rate-limit', '0'],
    { stdio: ['ignore', 'pipe', 'ignore', 'ipc'] },
  );
  try {
    const target = await new Promise<string>((resolve, reject) => {
      let out = '';
      serve.stdout?.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      serve.once('exit', (code) => reject(new Error(`dactylo serve exited with ${code}`)));
    });
    const profile: LoadProfile = {
      name: 'verification-capacity',
      description: 'constant-rate 1:1 verification steps',
      durationS: arg('--step-seconds', 4),
      mix: [{ operationId: 'verify', weight: 1 }],
      arrival: { model: 'constant', ratePerS: arg('--start-rate', 50) },
      objectives: { p99Ms: 50, errorRate: 0.001 },
      limits: { maxInFlight: 1000, requestTimeoutMs: 5000, gracefulStopS: 3 },
      dataset: { residents: 100 },
    };
    const contract = readContract();
    const loadDataSet = loadData(profile, contract, 'bench');
    const tokens = readTokens(tokenFile);
    let first = true;
    const result = await searchCapacity(
      async (rateScale) => {
        const run = await runLoad({
          target,
          profile,
          data: loadDataSet,
          tokens,
          seed: 'bench',
          workers: WORKERS,
          overrides: { rateScale },
          skipSetup: !first,
        });
        first = false;
        const s = run.summary;
        process.stdout.write(
          `    step ${s.offeredRate}/s: throughput ${s.throughput}/s, p99 ${s.latencyMs.p99} ms, error rate ${s.errorRate}\n`,
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
      { maxSteps: arg('--max-steps', 7), tolerance: 0.2 },
    );
    process.stdout.write(
      `  reference API (dactylo serve, PGlite): ${result.rate === null ? 'no rate tried' : `${result.rate} verifications/s`} at p99 ≤ 50 ms` +
        ` (target ≥ 1000/s; ratio ${((result.rate ?? 0) / 1000).toFixed(2)})${result.converged ? '' : ', search not converged'}\n`,
    );
  } finally {
    serve.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
