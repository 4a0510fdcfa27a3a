import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { scannerProfileNames } from '../../../sim/scanner/index.ts';
import { assertValid } from '../../contract/validate.ts';
import { type ConformanceReport, DEFAULT_PANEL, runConformance } from '../../scanner/conformance.ts';
import type { ConformanceDevice } from '../../scanner/device.ts';
import { conformanceHtml } from '../../scanner/html-report.ts';
import { HttpDevice } from '../../scanner/sources/http-device.ts';
import { ImageFolderDevice } from '../../scanner/sources/image-folder.ts';
import { VirtualDevice } from '../../scanner/sources/virtual-device.ts';
import { SPEC_NAMES, type SpecName } from '../../scanner/spec-limits.ts';
import { withAtomicFile } from '../atomic-output.ts';
import { CommandError, UsageError } from '../errors.ts';
import { integerOption, seedOption } from '../options.ts';
import { stageProgress } from '../progress.ts';

export const REPORT_SCHEMA = 'scanner-conformance-report.schema.json';
export const DEFAULT_ATTACKS_CLI = 24;

interface CheckOptions {
  profile?: string;
  device?: string;
  images?: string;
  spec: SpecName;
  out: string;
  html?: string;
  seed: string;
  panel: number;
  attacks: number;
  timeout: number;
}

function specOption(value: string): SpecName {
  if (!SPEC_NAMES.includes(value as SpecName))
    throw new InvalidArgumentError(`--spec must be one of ${SPEC_NAMES.join(', ')}, got '${value}'`);
  return value as SpecName;
}

function profileOption(value: string): string {
  const names = scannerProfileNames();
  if (!names.includes(value))
    throw new InvalidArgumentError(`--profile must be one of ${names.join(', ')}, got '${value}'`);
  return value;
}

function urlOption(value: string): string {
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
    return value;
  } catch {
    throw new InvalidArgumentError(
      `--device must be an http(s) URL such as http://127.0.0.1:8700, got '${value}'`,
    );
  }
}

function deviceFrom(o: CheckOptions): ConformanceDevice {
  const given = [o.profile, o.device, o.images].filter((v) => v !== undefined).length;
  if (given !== 1) throw new UsageError('give exactly one of --profile NAME, --device URL or --images DIR');
  if (o.profile) return new VirtualDevice(o.profile, o.seed);
  if (o.device) return new HttpDevice(o.device, o.timeout);
  return new ImageFolderDevice(o.images as string);
}

/** One line per check and the verdict, for the terminal. */
export function checkSummary(r: ConformanceReport): string {
  const w = Math.max(...r.checks.map((c) => c.id.length));
  const lines = r.checks.map((c) => {
    const value = c.value === null ? '—' : `${c.value} ${c.unit}`;
    return `${c.verdict.padEnd(12)} ${c.id.padEnd(w)}  ${value}${c.reason ? `  (${c.reason})` : ''}`;
  });
  return `${r.device.name} (${r.device.source}, ${r.device.ppi} ppi) against ${r.specTitle}\n${lines.join('\n')}\nverdict: ${r.verdict} — ${r.summary.pass} passed, ${r.summary.fail} failed, ${r.summary.notMeasured} not measured\n`;
}

async function run(o: CheckOptions): Promise<void> {
  const device = deviceFrom(o);
  const stages = stageProgress();
  let report: ConformanceReport;
  try {
    ({ report } = await runConformance({
      device,
      spec: o.spec,
      seed: o.seed,
      panelSize: o.panel,
      attacksPerSpecies: o.attacks,
      onProgress: stages.onProgress,
    }));
  } catch (e) {
    throw new CommandError((e as Error).message);
  } finally {
    stages.stopAll();
    await device.close?.();
  }
  assertValid(REPORT_SCHEMA, report);
  await withAtomicFile(o.out, async (f) => void f.stream.write(`${JSON.stringify(report, null, 2)}\n`));
  if (o.html) await withAtomicFile(o.html, async (f) => void f.stream.write(conformanceHtml(report)));
  process.stdout.write(checkSummary(report));
  if (report.verdict !== 'pass') {
    const why =
      report.verdict === 'fail'
        ? `${report.summary.fail} check(s) failed`
        : `${report.summary.notMeasured} check(s) could not be measured`;
    throw new CommandError(`verdict ${report.verdict}: ${why} (report written to ${o.out})`);
  }
}

/** Adds `check` to the `scanner` command (registered by harness/cli/commands/scanner.ts). */
export function registerCheck(scanner: Command): void {
  scanner
    .command('check')
    .description(
      'measure a fingerprint scanner against FBI EBTS Appendix F or PIV image quality, PAD and capture checks',
    )
    .option(
      '--profile <name>',
      'a shipped virtual scanner profile (see `dactylo scanner profiles`)',
      profileOption,
    )
    .option(
      '--device <url>',
      'a device speaking the dactylo device API (e.g. `dactylo scanner serve`)',
      urlOption,
    )
    .option(
      '--images <dir>',
      'captures of the printed targets (same file names) plus their manifest.json, optional fingers/*.png',
    )
    .option('--spec <spec>', `spec to check against: ${SPEC_NAMES.join(', ')}`, specOption, 'appendix-f')
    .requiredOption(
      '--out <file>',
      'write the JSON report (harness/contract/scanner-conformance-report.schema.json)',
    )
    .option('--html <file>', 'also write a self-contained HTML report with the MTF and quality plots')
    .option('--seed <seed>', 'seed of the virtual device and the synthetic panel', seedOption, 'dactylo')
    .option(
      '--panel <n>',
      'live captures of the synthetic panel',
      integerOption('--panel', 1, 10_000),
      DEFAULT_PANEL,
    )
    .option(
      '--attacks <n>',
      'presentation attacks per PAI species',
      integerOption('--attacks', 1, 10_000),
      DEFAULT_ATTACKS_CLI,
    )
    .option(
      '--timeout <ms>',
      'deadline of each request to --device',
      integerOption('--timeout', 1, 600_000),
      10_000,
    )
    .action(async (o: CheckOptions) => run(o));
}
