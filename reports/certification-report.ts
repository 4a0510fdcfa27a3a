import { createHash } from 'node:crypto';
import type { DetCurve } from '../harness/biometrics/det-curve.ts';
import type { ScoreHistogram } from '../harness/biometrics/score-histogram.ts';
import type { Evidence, Measurement } from '../harness/requirements/evidence.ts';
import type { Capability, Family, Requirement, Severity } from '../harness/requirements/requirement.ts';
import { judge, overallVerdict, type Verdict } from '../harness/requirements/verdict.ts';
import { canonicalJson } from './canonical-json.ts';
import type { ReportSignature } from './report-signature.ts';

export const REPORT_SCHEMA = 'dactylo.certification-report/1';

export interface TargetIdentity {
  kind: 'reference' | 'http';
  name: string;
  version: string | null;
  baseUrl: string | null;
  configDigest: string | null;
}

export interface ReportMeasurement {
  value: number | null;
  unit?: string;
  errors?: number;
  trials?: number;
}

export interface ReportEvidence extends Omit<Evidence, 'measurements'> {
  measurements?: Record<string, ReportMeasurement>;
}

export interface RequirementResult {
  id: string;
  family: Family;
  title: string;
  severity: Severity;
  verdict: Verdict;
  reason: string;
  evidence: ReportEvidence[];
}

export interface Counts {
  pass: number;
  fail: number;
  notEvaluated: number;
}

export interface AttackFigure {
  attack: string;
  requirement: string;
  successRate: number | null;
  trials: number;
}

export interface Timings {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  tests: TestTiming[];
}

/** One test's timing; tests of one suite run together, so `durationMs` is the suite's wall time. */
export interface TestTiming {
  test: string;
  durationMs: number;
  suite?: string;
  /** Figures that vary from run to run (latencies, rates per second), kept out of the reproducible part. */
  volatile?: Record<string, number | string>;
}

export interface CertificationReport {
  [member: string]: unknown;
  schema: typeof REPORT_SCHEMA;
  dactyloVersion: string;
  contractVersion: string;
  seed: string;
  options: {
    population: number | null;
    quick: boolean;
    flaw: string | null;
    /** `--only`: the requirements certified (the report lists only them); absent or null: all. */
    only?: string[] | null;
  };
  target: TargetIdentity;
  verdict: Verdict;
  summary: Counts & { total: number; byFamily: Partial<Record<Family, Counts>> };
  requirements: RequirementResult[];
  figures: { det: DetCurve[]; scoreHistogram: ScoreHistogram | null; attacks: AttackFigure[] };
  timings: Timings;
  signature?: ReportSignature;
}

export interface ReportInput {
  dactyloVersion: string;
  contractVersion: string;
  seed: string;
  options: CertificationReport['options'];
  target: TargetIdentity;
  catalogue: readonly Requirement[];
  evidence: readonly Evidence[];
  capabilities: ReadonlySet<Capability>;
  figures?: Partial<CertificationReport['figures']>;
  timings: Timings;
}

/** JSON has no NaN: a measurement that could not be computed is recorded as null. */
function jsonMeasurement(m: Measurement): ReportMeasurement {
  return { ...m, value: Number.isFinite(m.value) ? m.value : null };
}

function jsonEvidence(e: Evidence): ReportEvidence {
  if (!e.measurements) return e as ReportEvidence;
  const measurements = Object.fromEntries(
    Object.entries(e.measurements).map(([k, m]) => [k, jsonMeasurement(m)]),
  );
  return { ...e, measurements };
}

function count(list: readonly { verdict: Verdict }[]): Counts {
  return {
    pass: list.filter((r) => r.verdict === 'pass').length,
    fail: list.filter((r) => r.verdict === 'fail').length,
    notEvaluated: list.filter((r) => r.verdict === 'not-evaluated').length,
  };
}

/**
 * Judges every requirement of the catalogue on the evidence and assembles the report. Apart from
 * `timings`, the result depends only on its inputs, so the same run reproduces the same bytes.
 */
export function buildCertificationReport(input: ReportInput): CertificationReport {
  const results: RequirementResult[] = input.catalogue.map((r) => {
    const v = judge(r, input.evidence, input.capabilities);
    return {
      id: r.id,
      family: r.family,
      title: r.title,
      severity: r.severity,
      verdict: v.verdict,
      reason: v.reason,
      evidence: v.evidence.map(jsonEvidence),
    };
  });
  const byFamily: Partial<Record<Family, Counts>> = {};
  for (const r of results) byFamily[r.family] ??= count(results.filter((x) => x.family === r.family));
  return {
    schema: REPORT_SCHEMA,
    dactyloVersion: input.dactyloVersion,
    contractVersion: input.contractVersion,
    seed: input.seed,
    options: input.options,
    target: input.target,
    verdict: overallVerdict(results),
    summary: { total: results.length, ...count(results), byFamily },
    requirements: results,
    figures: {
      det: input.figures?.det ?? [],
      scoreHistogram: input.figures?.scoreHistogram ?? null,
      attacks: input.figures?.attacks ?? [],
    },
    timings: input.timings,
  };
}

/**
 * Digest of everything that must reproduce: the report without timings and signature, in canonical
 * form. Two runs with the same seed, options and target must print the same digest.
 */
export function reproducibleDigest(report: Record<string, unknown>): string {
  const { timings: _t, signature: _s, ...rest } = report;
  return `sha256:${createHash('sha256').update(canonicalJson(rest)).digest('hex')}`;
}

/** Digest of a target config file's bytes, recorded as the target's identity. */
export function configDigest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
