import { writeFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type CapacityResult, searchCapacity } from '../../../perf/driver/capacity-search.ts';
import { type ContractInfo, readContract } from '../../../perf/driver/contract-operations.ts';
import type { ClientKind } from '../../../perf/driver/http-client.ts';
import { k6Options } from '../../../perf/driver/k6-options.ts';
import { type LoadData, loadData } from '../../../perf/driver/load-data.ts';
import { loadDataFiles, readLoadData } from '../../../perf/driver/load-data-files.ts';
import { capacityHtmlReport, loadHtmlReport } from '../../../perf/driver/load-html-report.ts';
import { loadPlan } from '../../../perf/driver/load-plan.ts';
import type { LoadProfile } from '../../../perf/driver/load-profile.ts';
import { TargetError } from '../../../perf/driver/load-target.ts';
import { ProfileError, readProfile } from '../../../perf/driver/profile-file.ts';
import { type LoadRun, runLoad } from '../../../perf/driver/run-load.ts';
import { readTokens } from '../../../perf/driver/wire-requests.ts';
import { DACTYLO_VERSION } from '../../../sim/runtime/version.ts';
import { AtomicDirectory } from '../atomic-output.ts';
import { CommandError, UsageError } from '../errors.ts';
import { integerOption, seedOption } from '../options.ts';
import { progress, progressWanted } from '../progress.ts';

const DEFAULT_SEED = 'dactylo-load';

interface RunOptions {
  target: string;
  profile: string;
  duration?: number;
  rateScale?: number;
  out?: string;
  allowRemote?: boolean;
  workers: number;
  data?: string;
  tokens?: string;
  seed: string;
  client: ClientKind;
}

/** "30", "30s", "1500ms", "2m" → seconds. */
export function durationOption(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  const unit = { ms: 0.001, s: 1, m: 60, h: 3600 }[(m?.[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const s = m ? Number(m[1]) * unit : Number.NaN;
  if (!(s > 0) || s > 86400)
    throw new InvalidArgumentError(`--duration must be like 30s, 1500ms or 2m (at most 24h), got '${value}'`);
  return s;
}

function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d*\.?\d+$/.test(value.trim()) || !(n > 0) || n > 1000)
      throw new InvalidArgumentError(`${name} must be a number above 0 and at most 1000, got '${value}'`);
    return n;
  };
}

/** The profile, with unknown names a usage error and bad files a command error. */
function profileOf(name: string, contract: ContractInfo): LoadProfile {
  try {
    return readProfile(name, contract);
  } catch (e) {
    if (e instanceof ProfileError) throw e.unknown ? new UsageError(e.message) : new CommandError(e.message);
    throw e;
  }
}

function dataFor(o: { data?: string; seed: string }, profile: LoadProfile, contract: ContractInfo): LoadData {
  if (!o.data) return loadData(profile, contract, o.seed);
  try {
    return readLoadData(o.data);
  } catch (e) {
    throw new CommandError(`--data ${(e as Error).message}`);
  }
}

function tokensOf(path: string | undefined): Record<string, string> | null {
  if (!path) return null;
  try {
    return readTokens(path);
  } catch (e) {
    throw new CommandError((e as Error).message);
  }
}

function requireTargetAndProfile(o: RunOptions): void {
  if (!o.target) throw new UsageError("required option '--target <url>' not specified");
  if (!o.profile) throw new UsageError("required option '--profile <name|file>' not specified");
}

interface Prepared {
  profile: LoadProfile;
  data: LoadData;
  tokens: Record<string, string> | null;
}

/** Profile, payloads and tokens: read (or generated) once, before any output or load. */
function prepare(o: RunOptions): Prepared {
  requireTargetAndProfile(o);
  const contract = readContract();
  const profile = profileOf(o.profile, contract);
  return { profile, data: dataFor(o, profile, contract), tokens: tokensOf(o.tokens) };
}

/** Runs the load, mapping every refusal to the CLI's errors: nothing is sent when one is thrown early. */
async function run(
  o: RunOptions,
  p: Prepared,
  overrides: { durationS?: number; rateScale?: number },
  skipSetup = false,
): Promise<LoadRun> {
  try {
    return await runLoad({
      target: o.target,
      profile: p.profile,
      overrides,
      data: p.data,
      tokens: p.tokens,
      workers: o.workers,
      client: o.client,
      allowRemote: o.allowRemote,
      seed: p.data.manifest.seed,
      skipSetup,
    });
  } catch (e) {
    if (e instanceof TargetError) throw e.usage ? new UsageError(e.message) : new CommandError(e.message);
    if (e instanceof Error && /needs a '.*' token/.test(e.message)) throw new UsageError(e.message);
    if (e instanceof Error && !(e instanceof UsageError)) throw new CommandError(e.message);
    throw e;
  }
}

/**
 * Runs `work` and writes what it returns into `out` (when given). The directory is claimed first, so
 * a non-empty --out is refused before the load rather than after it; it appears only when complete.
 */
async function withOutputs(
  out: string | undefined,
  work: () => Promise<{ name: string; text: string }[]>,
): Promise<void> {
  const dir = out ? await AtomicDirectory.create(out) : null;
  try {
    const files = await work();
    if (!dir) return;
    for (const f of files) await writeFile(dir.file(f.name), f.text);
    await dir.commit();
  } catch (e) {
    await dir?.abort();
    throw e;
  }
}

async function loadAction(o: RunOptions): Promise<void> {
  const p = prepare(o);
  const plan = loadPlan(p.profile, { durationS: o.duration, rateScale: o.rateScale });
  let s: LoadRun['summary'] | null = null;
  await withOutputs(o.out, async () => {
    const bar = progress(`load ${p.profile.name}`, Math.ceil(plan.durationMs / 1000));
    const timer = setInterval(() => bar.tick(), 1000);
    let result: LoadRun;
    try {
      result = await run(o, p, { durationS: o.duration, rateScale: o.rateScale });
    } finally {
      clearInterval(timer);
      bar.stop();
    }
    s = result.summary;
    return [
      { name: 'summary.json', text: `${JSON.stringify(s, null, 2)}\n` },
      { name: 'timeseries.json', text: `${JSON.stringify(result.series, null, 1)}\n` },
      { name: 'report.html', text: loadHtmlReport(result.summary, result.series) },
    ];
  });
  if (!s) return;
  const r: LoadRun['summary'] = s;
  const l = r.latencyMs;
  process.stdout.write(
    `${r.profile}: offered ${r.offeredRate}/s, throughput ${r.throughput}/s, ${r.ok}/${r.scheduled} ok, ` +
      `latency p50 ${l.p50} p90 ${l.p90} p99 ${l.p99} p99.9 ${l.p999} max ${l.max} ms, error rate ${r.errorRate}, ` +
      `dropped ${r.dropped}, late ${r.late}; objectives ${r.objectives.met ? 'met' : 'MISSED'}${o.out ? ` (${o.out})` : ''}\n`,
  );
}

async function dataAction(o: { profile: string; out: string; seed: string }): Promise<void> {
  const contract = readContract();
  const profile = profileOf(o.profile, contract);
  const data = loadData(profile, contract, o.seed);
  await withOutputs(o.out, async () => [...loadDataFiles(data)]);
  const counts = Object.entries(data.manifest.operations).map(([id, op]) => `${id} ${op.count}`);
  if (data.manifest.setup) counts.push(`setup enrolments ${data.manifest.setup.count}`);
  process.stdout.write(`${o.out}: ${counts.join(', ')} (seed ${o.seed}, dactylo ${DACTYLO_VERSION})\n`);
}

async function capacityAction(o: RunOptions & { stepDuration: number; maxSteps: number }): Promise<void> {
  const p = prepare(o);
  const steps = progressWanted();
  let result: CapacityResult | null = null;
  await withOutputs(o.out, async () => {
    let first = true;
    result = await searchCapacity(
      async (rateScale) => {
        const s = (await run(o, p, { durationS: o.stepDuration, rateScale }, !first)).summary;
        first = false;
        if (steps)
          process.stderr.write(
            `  step: ${s.offeredRate}/s offered, ${s.throughput}/s done, p99 ${s.latencyMs.p99} ms, error rate ${s.errorRate}: ${s.objectives.met ? 'met' : 'missed'}\n`,
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
      { maxSteps: o.maxSteps },
    );
    const report = {
      kind: 'dactylo-load-capacity',
      version: DACTYLO_VERSION,
      seed: p.data.manifest.seed,
      profile: p.profile.name,
      target: o.target,
      stepDurationS: o.stepDuration,
      objectives: p.profile.objectives,
      ...result,
    };
    return [
      { name: 'capacity.json', text: `${JSON.stringify(report, null, 2)}\n` },
      { name: 'capacity.html', text: capacityHtmlReport(report) },
    ];
  });
  const r = result as CapacityResult | null;
  if (!r) return;
  process.stdout.write(
    r.rate === null
      ? `${p.profile.name}: no rate met the objectives (lowest tried ${Math.min(...r.steps.map((s) => s.offeredRate))}/s)\n`
      : `${p.profile.name}: highest rate meeting the objectives ${r.rate}/s${r.converged ? '' : ' (search did not converge within the step budget)'}\n`,
  );
}

function runOptions(cmd: Command, withDuration: boolean): Command {
  // Not commander's requiredOption: commander checks a parent's mandatory options for its subcommands too.
  cmd
    .option('--target <url>', 'base URL of the system under load (loopback only unless --allow-remote)')
    .option(
      '--profile <name|file>',
      'a profile of perf/profiles/ (smoke, verification-peak, identification, psc-day) or a JSON file',
    )
    .option('--rate-scale <x>', 'multiply every arrival rate', positiveNumber('--rate-scale'))
    .option('--out <dir>', 'directory for the results (appears only when complete)')
    .option('--allow-remote', 'allow a target that is not on this machine')
    .option('--workers <n>', 'driver worker processes', integerOption('--workers', 1, 64), 2)
    .option('--data <dir>', "payloads prepared by 'dactylo load data' (default: generated now from --seed)")
    .option('--tokens <file>', "bearer tokens by role ('dactylo serve --token-file FILE')")
    .option('--seed <seed>', 'seed of the generated payloads', seedOption, DEFAULT_SEED)
    .addOption(
      new Option('--client <kind>', 'HTTP client of the workers (raw: lean keep-alive HTTP/1.1)')
        .choices(['raw', 'http', 'fetch'])
        .default('raw'),
    );
  if (withDuration)
    cmd.option('--duration <d>', "run length replacing the profile's (30s, 2m)", durationOption);
  return cmd;
}

export function register(program: Command): void {
  // `load` has options and subcommands that reuse their names (--profile, --out); commander hands them
  // to the subcommand only when every ancestor parses options positionally. The program's own options
  // (--version, --help) already come before any command.
  program.enablePositionalOptions();
  const load = runOptions(
    program
      .command('load')
      .description(
        'open-model load run against a target: summary.json, per-second series and an HTML report',
      ),
    true,
  )
    // The subcommands take their own --profile, --out…: options after a subcommand's name are its own.
    .enablePositionalOptions()
    .action((o: RunOptions) => loadAction(o));
  load
    .command('data')
    .description(
      'prepare the payloads of a profile (synthetic residents, ISO/IEC 19794-2 prints) for k6 and the driver',
    )
    .requiredOption('--profile <name|file>', 'profile whose operations need payloads')
    .requiredOption('--out <dir>', 'directory to write (appears only when complete)')
    .option('--seed <seed>', 'seed of the synthetic residents and prints', seedOption, DEFAULT_SEED)
    .action((o: { profile: string; out: string; seed: string }) => dataAction(o));
  runOptions(
    load.command('capacity').description('search the highest arrival rate that meets the profile objectives'),
    false,
  )
    .option('--step-duration <d>', 'length of each step', durationOption, 5)
    .option('--max-steps <n>', 'steps at most', integerOption('--max-steps', 2, 40), 12)
    .action((o: RunOptions & { stepDuration: number; maxSteps: number }) => capacityAction(o));
  load
    .command('k6-options')
    .description('print the k6 options of a profile (what perf/k6/ scripts run, and what the driver runs)')
    .requiredOption('--profile <name|file>', 'profile')
    .option('--duration <d>', 'run length', durationOption)
    .option('--rate-scale <x>', 'rate multiplier', positiveNumber('--rate-scale'))
    .action((o: { profile: string; duration?: number; rateScale?: number }) => {
      const plan = loadPlan(profileOf(o.profile, readContract()), {
        durationS: o.duration,
        rateScale: o.rateScale,
      });
      process.stdout.write(`${JSON.stringify(k6Options(plan), null, 2)}\n`);
    });
  for (const cmd of load.commands) cmd.exitOverride().configureOutput({ outputError: () => {} });
}
