import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { commandMatcher } from '../../biometrics/command-matcher.ts';
import { dactyloMatcher } from '../../biometrics/dactylo-matcher.ts';
import { detSvg } from '../../biometrics/det-curve.ts';
import { type EvaluationReport, evaluate } from '../../biometrics/evaluation.ts';
import { PROTOCOLS, type ProtocolName } from '../../biometrics/fvc-protocol.ts';
import { htmlReport } from '../../biometrics/html-report.ts';
import {
  cmcSvg,
  evaluateIdentification,
  identificationSummary,
} from '../../biometrics/identification-evaluation.ts';
import { ksTest } from '../../biometrics/ks-distance.ts';
import type { MatcherAdapter } from '../../biometrics/matcher-adapter.ts';
import { parseMatcherSpec } from '../../biometrics/matcher-adapter.ts';
import { histogramSvg } from '../../biometrics/score-histogram.ts';
import {
  compareSets,
  comparisonTable,
  measureSet,
  parseSetSpec,
  type SetFigures,
} from '../../biometrics/set-comparison.ts';
import { assertValid } from '../../contract/validate.ts';
import { AtomicDirectory, withAtomicFile } from '../atomic-output.ts';
import { CommandError, UsageError } from '../errors.ts';
import { integerOption, seedOption } from '../options.ts';
import { stageProgress } from '../progress.ts';

interface EvaluateOptions {
  db?: string;
  identification?: boolean;
  gallerySizes: number[];
  mated: number;
  nonMated: number;
  rank: number;
  probes: 'rendered' | 'template-only';
  compare?: string[];
  protocol: ProtocolName;
  matcher: string;
  ppi?: number;
  json?: string;
  html?: string;
  workers: number;
  seed: string;
  bootstrap: number;
  fmr: number[];
  ksAgainst?: string;
  svg?: string;
}

function protocolOption(value: string): ProtocolName {
  if (!PROTOCOLS.includes(value as ProtocolName))
    throw new InvalidArgumentError(`--protocol must be one of ${PROTOCOLS.join(', ')}, got '${value}'`);
  return value as ProtocolName;
}

function fmrListOption(value: string, previous: number[]): number[] {
  const v = Number(value);
  if (!(v > 0 && v < 1)) throw new InvalidArgumentError(`--fmr must be a rate in (0, 1), got '${value}'`);
  return [...previous, v];
}

async function matcherFrom(o: EvaluateOptions): Promise<MatcherAdapter> {
  let spec: ReturnType<typeof parseMatcherSpec>;
  try {
    spec = parseMatcherSpec(o.matcher);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const options = { ppi: o.ppi, workers: o.workers };
  return spec.kind === 'dactylo' ? dactyloMatcher(options) : commandMatcher(spec.command, options);
}

function ci(r: EvaluationReport, key: 'eer' | 'fmr100' | 'fmr1000' | 'zeroFmr' | 'fte'): string {
  const c = r.confidenceIntervals?.[key];
  return c ? `  [${pct(c.low)} – ${pct(c.high)}]` : '';
}

function pct(v: number): string {
  return `${(v * 100).toFixed(2)} %`;
}

export function summary(r: EvaluationReport): string {
  const lines = [
    `${r.database.dir}: ${r.database.fingers} fingers, ${r.database.images} images; protocol ${r.protocol}; ${r.matcher}`,
    `${r.counts.genuine} genuine, ${r.counts.impostor} impostor comparisons` +
      (r.confidenceIntervals
        ? `; 95 % CIs by bootstrap over fingers (${r.confidenceIntervals.replicates}, seed ${r.seed})`
        : ''),
    `EER      ${pct(r.eer)}${ci(r, 'eer')}`,
    `FMR100   ${pct(r.fmr100)}${ci(r, 'fmr100')}`,
    `FMR1000  ${pct(r.fmr1000)}${ci(r, 'fmr1000')}`,
    `ZeroFMR  ${pct(r.zeroFmr)}${ci(r, 'zeroFmr')}`,
    `FTE      ${pct(r.fte)}${ci(r, 'fte')}`,
    `FTA      ${pct(r.fta)}`,
    ...r.fnmrAtFmr.map(
      (p) =>
        `FNMR at FMR ${p.fmr * 100} %: ${pct(p.fnmr)} (threshold ${p.threshold ?? '—'})` +
        // Rule of three: with fewer than 3/FMR impostors, FMR ≤ target cannot be told from FMR = 0.
        (r.counts.impostor * p.fmr < 3 ? ` — only ${r.counts.impostor} impostors, too few for this FMR` : ''),
    ),
    `mean extraction ${r.timing.meanExtractionMs.toFixed(1)} ms, preparation ${r.timing.meanPrepareMs.toFixed(2)} ms, comparison ${r.timing.meanComparisonMs.toFixed(3)} ms`,
  ];
  return `${lines.join('\n')}\n`;
}

/** det.svg and histogram.svg in a new (or empty) directory, all or nothing. */
async function writeSvgs(dir: string, r: EvaluationReport): Promise<void> {
  const out = await AtomicDirectory.create(dir);
  try {
    await writeFile(out.file('det.svg'), detSvg([r.det]));
    await writeFile(out.file('histogram.svg'), histogramSvg(r.histogram));
    await out.commit();
  } catch (e) {
    await out.abort();
    throw e;
  }
}

/** An earlier --json report, read before the run so that a bad one fails fast. */
async function loadReport(path: string): Promise<EvaluationReport> {
  try {
    const other = JSON.parse(await readFile(path, 'utf8')) as EvaluationReport;
    assertValid('evaluation-report.schema.json', other);
    return other;
  } catch (e) {
    throw new UsageError(`--ks-against ${path}: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Two-sample KS distances between this run's score distributions and an earlier report's. */
function ksLines(r: EvaluationReport, other: EvaluationReport): string {
  const scores = (x: (number | null)[]) => x.filter((v): v is number => v !== null);
  const line = (label: string, a: (number | null)[], b: (number | null)[]) => {
    const k = ksTest(scores(a), scores(b));
    return `KS ${label} scores vs ${other.database.dir}: D = ${k.d.toFixed(3)}, p = ${k.pValue.toPrecision(2)} (n = ${k.n1}, ${k.n2})`;
  };
  return `${line('genuine', r.scores.genuine, other.scores.genuine)}\n${line('impostor', r.scores.impostor, other.scores.impostor)}\n`;
}

/** --compare: the same evaluation on every set, and KS distances of each to the first. */
async function runComparison(o: EvaluateOptions, dirs: string[]): Promise<void> {
  let specs: ReturnType<typeof parseSetSpec>[];
  try {
    specs = dirs.map(parseSetSpec);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const figures: SetFigures[] = [];
  for (const spec of specs) {
    const matcher = await matcherFrom({ ...o, ppi: spec.ppi ?? o.ppi });
    try {
      figures.push(await measureSet({ ...spec, ppi: spec.ppi ?? o.ppi }, matcher, o));
    } catch (e) {
      throw new CommandError((e as Error).message);
    } finally {
      await matcher.close();
    }
  }
  const rows = compareSets(figures);
  if (o.json)
    await withAtomicFile(
      o.json,
      async (f) => void f.stream.write(`${JSON.stringify({ protocol: o.protocol, rows })}\n`),
    );
  process.stdout.write(
    `protocol ${o.protocol}; KS distances against ${rows[0].dir}\n${comparisonTable(rows)}`,
  );
}

function sizesOption(value: string): number[] {
  const sizes = value.split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || sizes.some((n, k) => k > 0 && n <= sizes[k - 1]))
    throw new InvalidArgumentError(
      `--gallery-sizes must be ascending positive integers, e.g. 100,1000,10000, got '${value}'`,
    );
  return sizes;
}

function probesOption(value: string): 'rendered' | 'template-only' {
  if (value !== 'rendered' && value !== 'template-only')
    throw new InvalidArgumentError(`--probes must be rendered or template-only, got '${value}'`);
  return value;
}

/** --identification: 1:N figures (FNIR, FPIR, CMC) over synthetic galleries of growing size. */
async function runIdentification(o: EvaluateOptions): Promise<void> {
  if (o.gallerySizes[0] < o.mated)
    throw new UsageError(
      `--gallery-sizes must all be at least --mated (${o.mated}), got ${o.gallerySizes[0]}`,
    );
  const stages = stageProgress();
  let report: Awaited<ReturnType<typeof evaluateIdentification>>;
  try {
    report = await evaluateIdentification({
      seed: o.seed,
      gallerySizes: o.gallerySizes,
      mated: o.mated,
      nonMated: o.nonMated,
      rank: o.rank,
      probes: o.probes,
      workers: o.workers,
      onProgress: stages.onProgress,
    });
  } catch (e) {
    stages.stopAll();
    throw new CommandError((e as Error).message);
  }
  if (o.json) await withAtomicFile(o.json, async (f) => void f.stream.write(`${JSON.stringify(report)}\n`));
  if (o.svg) {
    const out = await AtomicDirectory.create(o.svg);
    try {
      await writeFile(out.file('cmc.svg'), cmcSvg(report));
      await out.commit();
    } catch (e) {
      await out.abort();
      throw e;
    }
  }
  process.stdout.write(identificationSummary(report));
}

async function run(o: EvaluateOptions): Promise<void> {
  if (o.identification) {
    if (o.db || o.compare)
      throw new UsageError('--identification makes its own galleries: drop --db/--compare');
    return runIdentification(o);
  }
  if (o.compare) {
    if (o.db) throw new UsageError('give either --db or --compare, not both');
    return runComparison(o, o.compare);
  }
  if (!o.db) throw new UsageError("required option '--db <dir>' not specified (or --compare DIR...)");
  const db = o.db;
  const other = o.ksAgainst ? await loadReport(o.ksAgainst) : null;
  const matcher = await matcherFrom(o);
  const stages = stageProgress();
  let report: EvaluationReport;
  try {
    report = await evaluate({
      db,
      protocol: o.protocol,
      matcher,
      seed: o.seed,
      replicates: o.bootstrap,
      fmrTargets: o.fmr,
      ppi: o.ppi,
      workers: o.workers,
      onProgress: stages.onProgress,
    });
  } catch (e) {
    stages.stopAll();
    throw new CommandError((e as Error).message);
  } finally {
    await matcher.close();
  }
  assertValid('evaluation-report.schema.json', report);
  const ks = other ? ksLines(report, other) : '';
  if (o.json) await withAtomicFile(o.json, async (f) => void f.stream.write(`${JSON.stringify(report)}\n`));
  if (o.html) await withAtomicFile(o.html, async (f) => void f.stream.write(htmlReport(report)));
  if (o.svg) await writeSvgs(o.svg, report);
  process.stdout.write(summary(report) + ks);
}

export function register(program: Command): void {
  program
    .command('evaluate')
    .description('measure a matcher on an FVC-layout database: EER, FMR100, FMR1000, ZeroFMR, FTE with CIs')
    .option('--db <dir>', 'folder of {finger}_{impression}.tif|png|bmp images (FVC layout)')
    .option(
      '--compare <dir...>',
      'evaluate each set (DIR or DIR@PPI) and print KS distances of its minutiae counts, ridge periods and scores to the first',
    )
    .option('--protocol <name>', `comparisons to make: ${PROTOCOLS.join(', ')}`, protocolOption, 'fvc2002')
    .option('--matcher <spec>', `'dactylo' or 'cmd:"COMMAND"' (external matcher, see README)`, 'dactylo')
    .option(
      '--ppi <n>',
      'scanning resolution of every image, overriding the files',
      integerOption('--ppi', 100, 2000),
    )
    .option('--json <file>', 'write the report (harness/contract/evaluation-report.schema.json)')
    .option('--html <file>', 'write a self-contained HTML report with the DET curve and histograms')
    .option('--svg <dir>', 'write det.svg and histogram.svg into a new (or empty) directory')
    .option('--workers <n>', 'parallel extractions', integerOption('--workers', 1, 64), 2)
    .option('--seed <seed>', 'seed of the bootstrap resampling', seedOption, 'dactylo-evaluate')
    .option(
      '--bootstrap <n>',
      'bootstrap replicates for the 95 % CIs (0: none)',
      integerOption('--bootstrap', 0, 100_000),
      1000,
    )
    .option('--fmr <rate>', 'also report FNMR at this FMR (repeatable)', fmrListOption, [])
    .option(
      '--identification',
      '1:N evaluation on synthetic galleries: FNIR/FPIR at rank 1 and k, CMC (cmc.svg with --svg)',
    )
    .option('--gallery-sizes <list>', 'with --identification: gallery sizes', sizesOption, [100, 1000, 10000])
    .option('--mated <n>', 'with --identification: mated searches', integerOption('--mated', 1, 100_000), 50)
    .option(
      '--non-mated <n>',
      'with --identification: non-mated searches',
      integerOption('--non-mated', 0, 100_000),
      50,
    )
    .option(
      '--rank <k>',
      'with --identification: rank k of FNIR and the CMC',
      integerOption('--rank', 1, 1000),
      10,
    )
    .option(
      '--probes <kind>',
      'with --identification: rendered (extracted) or template-only probes',
      probesOption,
      'rendered',
    )
    .option(
      '--ks-against <report>',
      'print KS distances of the score distributions to an earlier --json report',
    )
    .action(async (o: EvaluateOptions) => run(o));
}
