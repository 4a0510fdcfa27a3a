import {
  buildCertificationReport,
  type CertificationReport,
  type TestTiming,
} from '../../reports/certification-report.ts';
import { POPULATION_TUNING } from '../../sim/population/tuning.ts';
import { stream } from '../../sim/random/index.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';
import type { DetCurve } from '../biometrics/det-curve.ts';
import type { ScoreHistogram } from '../biometrics/score-histogram.ts';
import { requirements as catalogueRequirements } from '../requirements/catalogue.ts';
import type { Evidence } from '../requirements/evidence.ts';
import type { Capability, Requirement } from '../requirements/requirement.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import {
  type CertificationContext,
  type CertificationSuite,
  type FigureSink,
  type SuiteEvidence,
  suiteFailedToRun,
} from './certification-suite.ts';
import { ResidentPool } from './resident-pool.ts';
import { checkSuiteOutput } from './suite-output.ts';
import { CERTIFICATION_SUITES } from './suites.ts';
import { probeTarget } from './target-probe.ts';

/** `--population` when not given: enough residents for every suite of a full run. */
export const DEFAULT_POPULATION = 20_000;

export interface CertificationRunOptions {
  target: CertificationTarget;
  seed: string;
  quick: boolean;
  /** How many residents of the seed's population suites may draw from. */
  population: number;
  /** The population's as-of date (default: the population generator's). */
  asOf?: string;
  /** Requirement IDs to certify (the report lists only these); absent: all. */
  only?: readonly string[];
  /** The suites to choose from (default: every registered one). */
  suites?: readonly CertificationSuite[];
  /** The requirements catalogue (default: harness/requirements/catalogue). */
  catalogue?: readonly Requirement[];
  /** Recorded in the report (`--flaw`). */
  flaw?: string | null;
  progress?: (message: string) => void;
  /** Wall clock for timings (tests pin it). */
  clock?: () => Date;
}

export interface CertificationRun {
  evidence: Evidence[];
  report: CertificationReport;
}

/** A requirement ID given to --only that the catalogue does not have. */
export class UnknownRequirementError extends Error {
  override name = 'UnknownRequirementError';
}

/** The requirements selected by `only`, in catalogue order. */
export function selectRequirements(
  catalogue: readonly Requirement[],
  only?: readonly string[],
): Requirement[] {
  if (!only) return [...catalogue];
  const known = new Set(catalogue.map((r) => r.id));
  const unknown = only.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new UnknownRequirementError(
      `unknown requirement ${unknown.join(', ')}: \`dactylo requirements\` lists the IDs`,
    );
  const wanted = new Set(only);
  return catalogue.filter((r) => wanted.has(r.id));
}

/** The suites whose tests some selected requirement needs, in registry order. */
export function suitesFor(
  selected: readonly Requirement[],
  suites: readonly CertificationSuite[],
): CertificationSuite[] {
  const needed = new Set(selected.flatMap((r) => r.evidence.map((e) => e.test)));
  return suites.filter((s) => s.produces.some((t) => needed.has(t)));
}

class FigureCollector implements FigureSink {
  readonly dets: DetCurve[] = [];
  histogram: ScoreHistogram | null = null;
  readonly attacks: CertificationReport['figures']['attacks'] = [];
  det(curve: DetCurve): void {
    this.dets.push(curve);
  }
  scoreHistogram(h: ScoreHistogram): void {
    // The first suite that plots scores is the report's (the verification run, in registry order).
    this.histogram ??= h;
  }
  attack(a: CertificationReport['figures']['attacks'][number]): void {
    this.attacks.push(a);
  }
}

interface SuiteResult {
  evidence: Evidence[];
  timings: TestTiming[];
}

function withoutVolatile(e: SuiteEvidence): { evidence: Evidence; volatile?: TestTiming['volatile'] } {
  const { volatile, ...evidence } = e;
  return { evidence, ...(volatile && Object.keys(volatile).length > 0 ? { volatile } : {}) };
}

async function runSuite(
  suite: CertificationSuite,
  ctx: CertificationContext,
  unavailable: string | null,
  clock: () => Date,
): Promise<SuiteResult> {
  const started = clock().getTime();
  const lacking = suite.requires.filter((c) => !ctx.target.capabilities.has(c));
  let raw: SuiteEvidence[];
  if (lacking.length > 0)
    raw = suiteFailedToRun(suite, 'skipped', `the target does not provide: ${lacking.join(', ')}`);
  else if (unavailable && suite.requires.includes('api')) raw = suiteFailedToRun(suite, 'error', unavailable);
  else {
    try {
      raw = await suite.run(ctx);
    } catch (e) {
      raw = suiteFailedToRun(suite, 'error', `${suite.id} stopped: ${(e as Error).message ?? String(e)}`);
    }
  }
  const durationMs = Math.max(0, clock().getTime() - started);
  const checked = checkSuiteOutput(suite, raw);
  const evidence: Evidence[] = [];
  const timings: TestTiming[] = [];
  for (const e of checked) {
    const split = withoutVolatile(e);
    evidence.push(split.evidence);
    timings.push({
      test: e.test,
      durationMs,
      suite: suite.id,
      ...(split.volatile ? { volatile: split.volatile } : {}),
    });
  }
  return { evidence, timings };
}

function context(
  o: CertificationRunOptions,
  suite: CertificationSuite,
  residents: ResidentPool,
  figures: FigureSink,
): CertificationContext {
  return {
    target: o.target,
    seed: o.seed,
    quick: o.quick,
    asOf: residents.asOf,
    random: (...keys) => stream(o.seed, 'certify', suite.id, ...keys),
    residents,
    figures,
    progress: (message) => o.progress?.(`${suite.title}: ${message}`),
  };
}

/**
 * Certifies a target: runs every suite some selected requirement needs (registry order, one at a
 * time, so residents and random streams are drawn in the same order every run), judges each
 * requirement on the evidence and builds the report. A suite that cannot run, throws, or breaks
 * its own declaration gives `skipped` or `error` evidence, never a pass. A target that does not
 * answer its contract is found out once, before the suites, and every API test says why.
 */
export async function runCertification(o: CertificationRunOptions): Promise<CertificationRun> {
  const clock = o.clock ?? (() => new Date());
  const startedAt = clock();
  const catalogue = o.catalogue ?? catalogueRequirements();
  const selected = selectRequirements(catalogue, o.only);
  const suites = suitesFor(selected, o.suites ?? CERTIFICATION_SUITES);
  const residents = new ResidentPool(o.seed, o.asOf ?? POPULATION_TUNING.defaultAsOf, o.population);
  const figures = new FigureCollector();
  const unavailable = o.target.capabilities.has('api') ? await probeTarget(o.target) : null;
  if (unavailable) o.progress?.(`target not usable: ${unavailable}`);
  const evidence: Evidence[] = [];
  const tests: TestTiming[] = [];
  for (const [i, suite] of suites.entries()) {
    o.progress?.(`[${i + 1}/${suites.length}] ${suite.title}`);
    const r = await runSuite(suite, context(o, suite, residents, figures), unavailable, clock);
    evidence.push(...r.evidence);
    tests.push(...r.timings);
  }
  const finishedAt = clock();
  const report = buildCertificationReport({
    dactyloVersion: DACTYLO_VERSION,
    contractVersion: o.target.contractVersion ?? 'unknown',
    seed: o.seed,
    options: {
      population: o.population,
      quick: o.quick,
      flaw: o.flaw ?? null,
      ...(o.only ? { only: selected.map((r) => r.id) } : {}),
    },
    target: o.target.identity,
    catalogue: selected,
    evidence,
    capabilities: o.target.capabilities,
    figures: { det: figures.dets, scoreHistogram: figures.histogram, attacks: figures.attacks },
    timings: {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
      tests,
    },
  });
  return { evidence, report };
}

export interface UncertifiableOptions {
  seed: string;
  quick: boolean;
  population: number | null;
  only?: readonly string[];
  flaw?: string | null;
  target: CertificationTarget['identity'];
  /** Why nothing could be tested (a bad target config, a target that would not start). */
  reason: string;
  catalogue?: readonly Requirement[];
  clock?: () => Date;
}

const EVERY_CAPABILITY: ReadonlySet<Capability> = new Set<Capability>([
  'api',
  'fingerprint-database',
  'identity-registry',
  'logs',
  'metrics',
  'dump',
  'scanners',
  'second-deployment',
  'all-roles',
]);

/**
 * The report for a target that could not be reached at all: every test errored with `reason`, so
 * every requirement is not-evaluated and says why (not merely "the target does not provide …").
 */
export function uncertifiableReport(o: UncertifiableOptions): CertificationReport {
  const now = (o.clock ?? (() => new Date()))().toISOString();
  const selected = selectRequirements(o.catalogue ?? catalogueRequirements(), o.only);
  const tests = [...new Set(selected.flatMap((r) => r.evidence.map((e) => e.test)))];
  const evidence: Evidence[] = tests.map((test) => ({
    test,
    outcome: 'error',
    summary: 'the target could not be certified',
    reason: o.reason,
  }));
  return buildCertificationReport({
    dactyloVersion: DACTYLO_VERSION,
    contractVersion: 'unknown',
    seed: o.seed,
    options: {
      population: o.population,
      quick: o.quick,
      flaw: o.flaw ?? null,
      ...(o.only ? { only: selected.map((r) => r.id) } : {}),
    },
    target: o.target,
    catalogue: selected,
    evidence,
    // Claim nothing is missing, so each verdict carries the reason rather than a capability gap.
    capabilities: EVERY_CAPABILITY,
    timings: { startedAt: now, finishedAt: now, durationMs: 0, tests: [] },
  });
}
