import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  AGE_BAND_TARGETS,
  LEGAL_STATUS_SHARES,
  LEGAL_STATUSES,
  POPULATION_TUNING,
  PopulationSummarizer,
  type PopulationSummary,
  population,
  REGIONS,
  type Resident,
} from '../../../sim/population/index.ts';
import { type ReferenceDemoReport, runReferenceDemo } from '../../../sim/reference/reference-demo.ts';
import { DACTYLO_VERSION } from '../../../sim/runtime/version.ts';
import { DEFAULT_POPULATION } from '../../certify/run-certification.ts';
import { CommandError, UsageError } from '../errors.ts';
import { integerOption, seedOption } from '../options.ts';
import { progress, progressWanted } from '../progress.ts';
import { certify, formatCertification } from './certify.ts';
import { capacityFor } from './population.ts';

interface DemoOptions {
  seed: string;
  count: number;
  enrol: number;
  databaseUrl?: string;
  /** `--no-certify` turns the closing certification off. */
  certify: boolean;
  certifyOut?: string;
}

/** Where the demo's certification report goes unless --certify-out says: a new folder in the working directory. */
export const DEMO_REPORT_DIR = 'dactylo-demo-certification';

/** Percent with one decimal, two below 1 % so that small shares (stateless persons) do not read as zero. */
const pct = (n: number, total: number): string => {
  const p = (100 * n) / Math.max(1, total);
  return `${p.toFixed(p < 1 ? 2 : 1)} %`;
};
const row = (label: string, value: string, note = ''): string =>
  `  ${label.padEnd(34)}${value.padStart(10)}${note ? `   ${note}` : ''}`;

/** The summary as readable text: each share beside the figure it is meant to reproduce. */
export function formatSummary(s: PopulationSummary, seed: string, asOf: string, example?: Resident): string {
  const n = s.residents;
  const lines = [
    `dactylo ${DACTYLO_VERSION} — synthetic population, seed ${seed}, as of ${asOf}: ${n} residents`,
    '',
    'Age (fingerprinting: under 12 none, 12–15 voluntary, 16+ mandatory)',
    row('under 12', pct(s.ageBands.under12, n), `target ${pct(AGE_BAND_TARGETS.under12, 1)}`),
    row('12–15', pct(s.ageBands.from12to15, n), `target ${pct(AGE_BAND_TARGETS.from12to15, 1)}`),
    row('16 and over', pct(s.ageBands.from16, n), `target ${pct(AGE_BAND_TARGETS.from16, 1)}`),
    row('women', pct(s.sex.F, n)),
    '',
    'Legal status',
    ...LEGAL_STATUSES.map((st) =>
      row(st, pct(s.statuses[st], n), `target ${pct(LEGAL_STATUS_SHARES[st], 1)}`),
    ),
    '',
    'Documents (all issued in the last 20 years, by state on the as-of date)',
    ...Object.entries(s.documents).map(([kind, byStatus]) =>
      row(kind, String(Object.values(byStatus).reduce((a, b) => a + (b ?? 0), 0)), describeCounts(byStatus)),
    ),
    row('residents without a valid document', pct(s.withoutValidDocument, n), 'mostly children under 16'),
    '',
    'Region of residence (BNS population share in brackets)',
    ...regionRows(s),
    '',
    'Life events up to the as-of date',
    ...Object.entries(s.events).map(([type, count]) => row(type, String(count))),
    '',
    'Fingers',
    row('fewer than ten capturable', pct(s.fewerThanTenFingers, n), describeCounts(s.fingerReasons)),
    ...(example
      ? ['', 'First resident (synthetic: any likeness to a real person is chance)', describeResident(example)]
      : []),
  ];
  return `${lines.join('\n')}\n`;
}

function describeResident(r: Resident): string {
  const names = [r.surname, r.givenName, r.patronymic].filter(Boolean).join(' ');
  const region = REGIONS.find((x) => x.code === r.region)?.latin ?? r.region;
  const docs = r.documents.map((d) => `${d.kind} ${d.number} (${d.status})`).join(', ') || 'no documents';
  return [
    `  ${names} (${r.latin.surname} ${r.latin.givenName}), ${r.sex}, born ${r.birthDate}, IIN ${r.iin}`,
    `  ${region}, ${r.status}; ${docs}; ${r.fingers.available.length} fingers capturable; ${r.events.length} events`,
  ].join('\n');
}

function describeCounts(counts: Partial<Record<string, number>>): string {
  return Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

function regionRows(s: PopulationSummary): string[] {
  const total = REGIONS.reduce((a, r) => a + r.population, 0);
  return REGIONS.map((r) =>
    row(r.latin, pct(s.regions[r.code] ?? 0, s.residents), `(${pct(r.population, total)})`),
  );
}

function databaseUrlOption(value: string): string {
  if (!/^(postgres(ql)?:\/\/|pglite:)/.test(value))
    throw new UsageError(
      `--database-url must start with postgres://, postgresql:// or pglite:, got '${value.split(':')[0]}:…'`,
    );
  return value;
}

const counts = (byStatus: Partial<Record<string, number>>): string =>
  Object.entries(byStatus)
    .sort(([, a], [, b]) => (b ?? 0) - (a ?? 0))
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');

/** What the reference system did, in a few lines a person reads at a glance (no timings: same seed, same text). */
export function formatReferenceDemo(r: ReferenceDemoReport): string {
  const e = r.enrolment;
  const rec = r.recovery;
  const id = r.identification;
  const dup = r.doubleRegistration;
  const lines = [
    '',
    `Reference registration system (${r.database}; registry and vault under separate database roles)`,
    `  enrolment   ${e.applications} applications at a PSC: ${counts(e.byStatus)}`,
    `              ${e.subjects} people in the vault, ${e.templates} encrypted templates, every new one searched 1:N first`,
    `  recovery    ${rec.reported} document reported; fresh prints at a ${rec.channel} → ${rec.status}` +
      (rec.newDocument
        ? `, new ${rec.newDocument} issued; the old one stays '${rec.oldStatus}'`
        : ', no document'),
    `  identify    undocumented patient, ${id.probeFingers} fingers as PNG images (extracted) → ${id.candidates} candidate(s);` +
      ` rank 1 resolved by an identification officer: ${id.rank1IsThePerson ? 'the right person' : 'NOT the person'}` +
      ` (${id.auditedResolutions} audited resolution)`,
    `  duplicate   enrolled resident's fingers under another IIN → ${dup.status}` +
      `${dup.caseRaised ? ', case raised' : ''}; matched identity ${dup.identityDisclosed ? 'DISCLOSED' : 'not disclosed to the applicant'}`,
    `  audit       ${r.audit.entries} entries, hash chain ${r.audit.chainOk ? 'verified' : 'BROKEN'}`,
  ];
  return `${lines.join('\n')}\n`;
}

async function runReference(o: DemoOptions, asOf: string): Promise<void> {
  const bar = progress('enrolling', o.enrol);
  try {
    const report = await runReferenceDemo({
      seed: o.seed,
      asOf,
      residents: o.enrol,
      databaseUrl: o.databaseUrl,
      onEnrolled: () => bar.tick(),
    });
    bar.stop();
    process.stdout.write(formatReferenceDemo(report));
  } catch (e) {
    bar.stop();
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw new CommandError(`the reference system demo failed: ${(e as Error).message}`);
  }
}

async function run(o: DemoOptions): Promise<void> {
  const asOf = POPULATION_TUNING.defaultAsOf;
  capacityFor(o.seed, asOf);
  const summarizer = new PopulationSummarizer(asOf);
  let first: Resident | undefined;
  for (const r of population({ seed: o.seed, count: o.count, asOf })) {
    first ??= r;
    summarizer.add(r);
  }
  process.stdout.write(formatSummary(summarizer.summary, o.seed, asOf, first));
  if (o.enrol > 0) await runReference(o, asOf);
  if (o.enrol > 0 && o.certify) await runCertificationDemo(o);
}

/** The first of DIR, DIR-2, DIR-3, … that does not exist yet or is empty, so a second demo never clobbers the first. */
function freshDirectory(base: string): string {
  for (let i = 1; ; i++) {
    const dir = i === 1 ? base : `${base}-${i}`;
    if (!existsSync(dir) || readdirSync(dir).length === 0) return dir;
  }
}

/** The demo ends as an authorized body would: `dactylo certify --target reference --quick`. */
async function runCertificationDemo(o: DemoOptions): Promise<void> {
  const out = resolve(o.certifyOut ?? freshDirectory(DEMO_REPORT_DIR));
  process.stdout.write(
    `\nCertification of the reference system (dactylo certify --target reference --quick --seed ${o.seed} --out ${out})\n`,
  );
  const tty = progressWanted();
  const result = await certify(
    {
      target: 'reference',
      seed: o.seed,
      population: DEFAULT_POPULATION,
      quick: true,
      databaseUrl: postgresOnly(o.databaseUrl),
      out,
    },
    (line) => {
      if (tty) process.stderr.write(`certify: ${line}\n`);
    },
  );
  process.stdout.write(formatCertification(result));
}

/** certify makes its own throw-away database on a PostgreSQL server; a pglite: directory is the demo's alone. */
function postgresOnly(url: string | undefined): string | undefined {
  return url && /^postgres(ql)?:\/\//.test(url) ? url : undefined;
}

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'Run the demonstration: summarise a synthetic population, then take its first residents through the reference registration system (enrolment, recovery, identification, double registration), then certify it (--quick) and say where report.html is',
    )
    .option('--seed <seed>', 'seed', seedOption, 'dactylo')
    .option('--count <n>', 'number of residents', integerOption('--count', 1, 10_000_000), 1000)
    .option(
      '--enrol <n>',
      'residents taken through the reference system (0: population summary only)',
      integerOption('--enrol', 0, 100_000),
      250,
    )
    .option(
      '--database-url <url>',
      'postgres://… or pglite:DIR (default: embedded PGlite in memory)',
      databaseUrlOption,
    )
    .option('--no-certify', 'skip the closing certification of the reference system')
    .option(
      '--certify-out <dir>',
      `where the certification report goes (default: ./${DEMO_REPORT_DIR}, or -2, -3… if taken)`,
    )
    .action(async (o: DemoOptions) => run(o));
}
