import { mkdir } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { CertificationReport } from '../../../reports/certification-report.ts';
import { SigningKeyError } from '../../../reports/signing-key.ts';
import { isPlantedFlaw, type PlantedFlaw } from '../../../sim/reference/planted-flaws.ts';
import {
  DEFAULT_POPULATION,
  runCertification,
  selectRequirements,
  UnknownRequirementError,
  uncertifiableReport,
} from '../../certify/run-certification.ts';
import { loadTargetConfig, TargetConfigError } from '../../certify/target-config.ts';
import { type WrittenCertification, writeCertification } from '../../certify/write-certification.ts';
import { requirements } from '../../requirements/catalogue.ts';
import type { CertificationTarget } from '../../targets/certification-target.ts';
import { openHttpCertificationTarget } from '../../targets/http-certification-target.ts';
import { startReferenceCertificationTarget } from '../../targets/reference-certification-target.ts';
import { CommandError, UsageError } from '../errors.ts';
import { integerOption, seedOption } from '../options.ts';
import { progressWanted } from '../progress.ts';

/**
 * Exit codes: 0 the report is written and the verdict is pass; 3 the report is written and the
 * verdict is fail or not-evaluated (CI fails, the report says why); 1 nothing could be certified and
 * no report was written (e.g. --out cannot be written); 2 wrong usage.
 */
export const CERTIFY_EXIT = { pass: 0, notPassed: 3, couldNotCertify: 1, usage: 2 } as const;

/** The report is written; its verdict is not pass. */
export class CertificationNotPassed extends CommandError {
  override readonly exitCode: number = CERTIFY_EXIT.notPassed;
}

export interface CertifyOptions {
  target?: string;
  targetConfig?: string;
  seed: string;
  population: number;
  quick: boolean;
  flaw?: string;
  only?: string[];
  signingKey?: string;
  databaseUrl?: string;
  out: string;
}

export interface CertifyResult {
  written: WrittenCertification;
  report: CertificationReport;
}

function flawOf(id: string | undefined): PlantedFlaw | null {
  if (id === undefined) return null;
  if (!isPlantedFlaw(id))
    throw new UsageError(`--flaw: no flaw '${id}'; \`dactylo flaws\` lists the ones that can be planted`);
  return id;
}

function onlyOption(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function checkUsage(o: CertifyOptions): void {
  if (o.target && o.targetConfig)
    throw new UsageError('give --target reference or --target-config FILE, not both');
  if (o.target && o.target !== 'reference')
    throw new UsageError(
      `--target: only 'reference' is built in; a vendor's system needs --target-config FILE`,
    );
  if (o.targetConfig && (o.flaw || o.databaseUrl))
    throw new UsageError('--flaw and --database-url apply to --target reference only');
  if (o.databaseUrl && !/^postgres(ql)?:\/\//.test(o.databaseUrl))
    throw new UsageError(`--database-url must start with postgres:// or postgresql://`);
}

/** A target config that cannot be used still gets a report: not-evaluated, naming the bad field. */
async function openConfigTarget(
  path: string,
  warn: (m: string) => void,
): Promise<CertificationTarget | { unusable: string; name: string; digest: string | null }> {
  try {
    const loaded = await loadTargetConfig(path);
    try {
      return await openHttpCertificationTarget(loaded, { warn });
    } catch (e) {
      return {
        unusable: `the target could not be set up: ${(e as Error).message}`,
        name: loaded.config.name,
        digest: loaded.digest,
      };
    }
  } catch (e) {
    if (e instanceof TargetConfigError)
      return { unusable: `the target config is unusable: ${e.message}`, name: basename(path), digest: null };
    throw e;
  }
}

/** Certifies the target the options name and writes DIR; the CLI command and the demo share it. */
export async function certify(
  o: CertifyOptions,
  say: (line: string) => void = () => {},
): Promise<CertifyResult> {
  checkUsage(o);
  const flaw = flawOf(o.flaw);
  let selected: ReturnType<typeof selectRequirements>;
  try {
    selected = selectRequirements(requirements(), o.only);
  } catch (e) {
    if (e instanceof UnknownRequirementError) throw new UsageError(`--only: ${e.message}`);
    throw e;
  }
  const out = resolve(o.out);
  await mkdir(dirname(out), { recursive: true }).catch(() => undefined);
  const common = { seed: o.seed, quick: o.quick, only: o.only, flaw };
  let report: CertificationReport;
  const opened = o.targetConfig
    ? await openConfigTarget(o.targetConfig, (m) => say(`warning: ${m}`))
    : await startReferenceCertificationTarget({
        seed: o.seed,
        flaw,
        databaseUrl: o.databaseUrl,
        secondDeployment: selected.some((r) => r.requires.includes('second-deployment')),
      }).catch((e: unknown) => {
        throw new CommandError(`the reference system did not start: ${(e as Error).message}`);
      });
  if ('unusable' in opened) {
    say(opened.unusable);
    report = uncertifiableReport({
      ...common,
      population: o.population,
      reason: opened.unusable,
      target: { kind: 'http', name: opened.name, version: null, baseUrl: null, configDigest: opened.digest },
    });
  } else {
    try {
      ({ report } = await runCertification({
        ...common,
        target: opened,
        population: o.population,
        progress: say,
      }));
    } finally {
      await opened.close();
    }
  }
  try {
    return { written: await writeCertification(out, report, { signingKeyFile: o.signingKey }), report };
  } catch (e) {
    if (e instanceof SigningKeyError) throw new UsageError(`--signing-key ${e.message}`);
    throw e;
  }
}

/** The verdict and where the report is, in three lines. */
export function formatCertification(r: CertifyResult): string {
  const s = r.report.summary;
  const t = r.report.target;
  return [
    `certified ${t.name}${r.report.options.flaw ? ` with flaw ${r.report.options.flaw} planted` : ''} (seed ${r.report.seed}${r.report.options.quick ? ', quick' : ''}): verdict ${r.report.verdict}`,
    `  ${s.pass} pass, ${s.fail} fail, ${s.notEvaluated} not evaluated of ${s.total} requirements`,
    `  report ${r.written.html}`,
    `  signed by key ${r.written.keyId}${r.written.publicKeyFile ? ` (public key ${r.written.publicKeyFile})` : ''}`,
    '',
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('certify')
    .description(
      `Certify a fingerprint registration system against the requirements catalogue and write a signed report (DIR/report.json, report.html, report.junit.xml). Exit code ${CERTIFY_EXIT.pass}: verdict pass; ${CERTIFY_EXIT.notPassed}: report written, verdict fail or not-evaluated; ${CERTIFY_EXIT.couldNotCertify}: no report; ${CERTIFY_EXIT.usage}: usage`,
    )
    .option(
      '--target <name>',
      "the built-in target: 'reference' (the default), in-process on the embedded database",
    )
    .option('--target-config <file>', "a vendor's system, described by a target config (YAML or JSON)")
    .option(
      '--seed <seed>',
      'seed of the synthetic population and every random choice',
      seedOption,
      'dactylo',
    )
    .option(
      '--population <n>',
      'residents the suites may draw from',
      integerOption('--population', 100, 10_000_000),
      DEFAULT_POPULATION,
    )
    .option('--quick', 'smaller samples (claims that need more are not-evaluated)', false)
    .option('--flaw <id>', 'plant this flaw in the reference (`dactylo flaws` lists them)')
    .option('--only <ids>', 'certify only these requirements (comma-separated IDs)', onlyOption)
    .option(
      '--signing-key <file>',
      'Ed25519 private key (PEM or JWK) to sign with; default: a fresh key, public half written beside the report',
    )
    .option(
      '--database-url <url>',
      'with --target reference: a PostgreSQL server to create a throw-away database on',
    )
    .requiredOption('--out <dir>', 'directory to write the report to (must not exist or be empty)')
    .action(async (o: CertifyOptions) => {
      const tty = progressWanted();
      const say = (line: string) => {
        if (tty || line.startsWith('warning:') || line.startsWith('the target'))
          process.stderr.write(`certify: ${line}\n`);
      };
      const result = await certify(o, say);
      process.stdout.write(formatCertification(result));
      if (result.report.verdict !== 'pass')
        throw new CertificationNotPassed(
          `verdict ${result.report.verdict}: see ${result.written.html} for the requirements and why`,
        );
    });
}
