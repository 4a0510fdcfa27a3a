import { lowerBound, trialsForZeroErrors, upperBound } from './binomial-bounds.ts';
import type { Evidence } from './evidence.ts';
import type { Capability, Requirement } from './requirement.ts';

export type Verdict = 'pass' | 'fail' | 'not-evaluated';

export interface RequirementVerdict {
  id: string;
  verdict: Verdict;
  /** Why: the failing tests or measurement, or what was missing. Always set. */
  reason: string;
  /** The evidence the verdict was computed from, in the order the requirement lists its tests. */
  evidence: Evidence[];
}

const notEvaluated = (r: Requirement, reason: string, evidence: Evidence[] = []): RequirementVerdict => ({
  id: r.id,
  verdict: 'not-evaluated',
  reason,
  evidence,
});

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : Number(v.toPrecision(4)).toString();
}

function unusable(e: Evidence): string | null {
  if (e.outcome === 'error') return `${e.test} errored: ${e.reason ?? e.summary}`;
  if (e.outcome === 'skipped') return `${e.test} was skipped: ${e.reason ?? e.summary}`;
  return null;
}

/**
 * Turns evidence into a verdict for one requirement. Never passes silently: a missing capability,
 * a missing or unusable test, or a missing measurement gives `not-evaluated` with the reason; a
 * confirmed failure gives `fail` even when other evidence is missing.
 */
export function judge(
  requirement: Requirement,
  evidence: readonly Evidence[],
  capabilities: ReadonlySet<Capability>,
): RequirementVerdict {
  const lacking = requirement.requires.filter((c) => !capabilities.has(c));
  if (lacking.length > 0)
    return notEvaluated(requirement, `the target does not provide: ${lacking.join(', ')}`);
  const byTest = new Map<string, Evidence>();
  for (const e of evidence) if (!byTest.has(e.test)) byTest.set(e.test, e);
  const used = requirement.evidence.map((s) => byTest.get(s.test)).filter((e): e is Evidence => !!e);
  const missing = requirement.evidence.filter((s) => !byTest.has(s.test)).map((s) => s.test);
  const failed = used.filter((e) => e.outcome === 'fail');
  if (failed.length > 0) {
    const reason = failed.map((e) => `${e.test}: ${e.summary}`).join('; ');
    return { id: requirement.id, verdict: 'fail', reason, evidence: used };
  }
  const problems = [
    ...(missing.length > 0 ? [`no evidence from ${missing.join(', ')}`] : []),
    ...used.map(unusable).filter((p): p is string => p !== null),
  ];
  if (problems.length > 0) return notEvaluated(requirement, problems.join('; '), used);
  const rule = requirement.verdict;
  if (rule.rule === 'all-pass') return allPass(requirement, used);
  if (rule.rule === 'rate-upper-bound-at-most') return rateBound(requirement, rule, used);
  return threshold(requirement, rule, used);
}

function allPass(r: Requirement, used: Evidence[]): RequirementVerdict {
  const undecided = used.filter((e) => e.outcome !== 'pass');
  if (undecided.length > 0)
    return notEvaluated(
      r,
      `${undecided.map((e) => e.test).join(', ')} measured without deciding; this requirement needs pass/fail`,
      used,
    );
  return {
    id: r.id,
    verdict: 'pass',
    reason: `${used.length} of ${used.length} tests passed`,
    evidence: used,
  };
}

/** The worst value of a measurement across the tests that report it (max for at-most, min for at-least). */
function worst(
  used: Evidence[],
  name: string,
  higherIsWorse: boolean,
): { value: number; test: string } | null {
  let found: { value: number; test: string } | null = null;
  for (const e of used) {
    const m = e.measurements?.[name];
    if (!m) continue;
    if (Number.isNaN(m.value)) return { value: Number.NaN, test: e.test };
    if (!found || (higherIsWorse ? m.value > found.value : m.value < found.value))
      found = { value: m.value, test: e.test };
  }
  return found;
}

function threshold(
  r: Requirement,
  rule: { rule: 'at-most' | 'at-least'; measurement: string; limit: number; unit?: string },
  used: Evidence[],
): RequirementVerdict {
  const atMost = rule.rule === 'at-most';
  const w = worst(used, rule.measurement, atMost);
  if (!w) return notEvaluated(r, `no test reported the measurement '${rule.measurement}'`, used);
  if (Number.isNaN(w.value)) return notEvaluated(r, `${w.test} reported '${rule.measurement}' as NaN`, used);
  const ok = atMost ? w.value <= rule.limit : w.value >= rule.limit;
  const unit = rule.unit ? ` ${rule.unit}` : '';
  const reason = `${rule.measurement} = ${fmt(w.value)}${unit} (${w.test}), limit ${atMost ? '≤' : '≥'} ${fmt(rule.limit)}${unit}`;
  return { id: r.id, verdict: ok ? 'pass' : 'fail', reason, evidence: used };
}

function rateBound(
  r: Requirement,
  rule: { measurement: string; limit: number; confidence: number },
  used: Evidence[],
): RequirementVerdict {
  let errors = 0;
  let trials = 0;
  for (const e of used) {
    const m = e.measurements?.[rule.measurement];
    if (!m) continue;
    if (m.errors === undefined || m.trials === undefined)
      return notEvaluated(r, `${e.test} reported '${rule.measurement}' without errors and trials`, used);
    errors += m.errors;
    trials += m.trials;
  }
  if (trials === 0) return notEvaluated(r, `no trials of '${rule.measurement}' were reported`, used);
  const c = rule.confidence;
  const hi = upperBound(errors, trials, c);
  const lo = lowerBound(errors, trials, c);
  const measured = `${rule.measurement} = ${errors}/${trials} = ${fmt(errors / trials)}, ${c * 100} % bounds [${fmt(lo)}, ${fmt(hi)}], limit ≤ ${fmt(rule.limit)}`;
  if (hi <= rule.limit) return { id: r.id, verdict: 'pass', reason: measured, evidence: used };
  if (lo > rule.limit) return { id: r.id, verdict: 'fail', reason: measured, evidence: used };
  const need = trialsForZeroErrors(rule.limit, c);
  return notEvaluated(
    r,
    `${measured}: too few trials to decide (with no errors, ${need} trials demonstrate the limit — rule of 3)`,
    used,
  );
}

/** The overall verdict: fail if any requirement fails, pass only if every one passes. */
export function overallVerdict(verdicts: readonly { verdict: Verdict }[]): Verdict {
  if (verdicts.some((v) => v.verdict === 'fail')) return 'fail';
  if (verdicts.length > 0 && verdicts.every((v) => v.verdict === 'pass')) return 'pass';
  return 'not-evaluated';
}
