import { FINGER_POSITIONS } from '../fingerprints/finger-position.ts';
import type { Application } from './application.ts';
import type { Decision, Outcome } from './decision.ts';
import { MODIFIER_RULES, POLICY_RULES } from './rules.ts';

const CAPTURES: ReadonlySet<Outcome> = new Set(['enrol', 'verify']);

/** Decides what happens to an application under the 2024 enrollment rules. */
export function decide(a: Application): Decision {
  const rule = POLICY_RULES.find((r) => r.applies(a));
  if (!rule) throw new Error('no policy rule applies: the last rule must apply to every application');
  const capture = CAPTURES.has(rule.outcome);
  const missing = capture ? a.applicant.missingFingers : [];
  const missingSet = new Set(missing.map((m) => m.position));
  const recovery = a.trigger === 'loss' || a.trigger === 'theft';
  const enrolledBefore = a.existingEnrolment != null;
  const rules = [rule.id];
  if (missing.length > 0) rules.push(MODIFIER_RULES.missingFingers.id);
  if (rule.outcome === 'enrol') rules.push(MODIFIER_RULES.deduplication.id);
  if (capture && recovery && enrolledBefore) rules.push(MODIFIER_RULES.recovery.id);
  return {
    outcome: rule.outcome,
    decidedBy: rule.id,
    rules,
    capture,
    storePrints: capture,
    deduplicate: rule.outcome === 'enrol',
    verify: rule.outcome === 'verify' || (capture && recovery && enrolledBefore),
    documentProceeds: rule.outcome !== 'refused',
    refusalRecord: rule.outcome === 'refused',
    fingersToCapture: capture ? FINGER_POSITIONS.filter((p) => !missingSet.has(p)) : [],
    missingFingers: missing,
  };
}
