import { ordinaryApplicant } from '../biometrics/synthetic-enrolment.ts';
import type { CertificationContext, SuiteEvidence } from '../certify/certification-suite.ts';
import { acknowledged, attemptEnrolment, reliabilityKey } from './enrolment-attempt.ts';
import { isAbsent, notExactlyOnce, ReferenceStorage } from './reference-storage.ts';

export const OUTAGE_TEST = 'reliability/external-outage';

/** Codes a client can act on: the contract's machine-readable errors for "try again later". */
const RETRY_LATER = /^(external-service-unavailable|service-unavailable|unavailable|timeout)$/;

/**
 * REL-EXT-01: the population register, the document issuer and the SMS gateway go down during an
 * enrolment. The target must answer with a machine-readable retry-later error (5xx with a code) or
 * complete the enrolment, never write half of it; once the services are back, a retry with the same
 * key enrols the person exactly once.
 */
export async function externalOutage(ctx: CertificationContext): Promise<SuiteEvidence> {
  const hooks = ctx.target.hooks;
  if (!hooks)
    return {
      test: OUTAGE_TEST,
      outcome: 'skipped',
      summary: 'external outage not simulated',
      reason:
        'the target offers no hook to take its external services down (only the in-process reference does); a lab does it at the network for a vendor system',
    };
  const r = ctx.residents.one(ordinaryApplicant(ctx.asOf), 'reliability: external outage');
  const o = { seed: ctx.seed, applicationDate: ctx.asOf, key: reliabilityKey(ctx.seed, 'outage', r) };
  const storage = await ReferenceStorage.open(ctx.target);
  const baseline = new Set(storage ? await storage.disagreements() : []);
  const problems: string[] = [];
  hooks.setExternalOutage(true);
  let during: Awaited<ReturnType<typeof attemptEnrolment>>;
  try {
    during = await attemptEnrolment(ctx.target, r, o);
  } finally {
    hooks.setExternalOutage(false);
  }
  if (!acknowledged(during) && !(during.status >= 500 && RETRY_LATER.test(during.outcome)))
    problems.push(
      `during the outage the target answered ${during.status} ${during.outcome}, not a retry-later error`,
    );
  let left = 'not inspected: the target does not have the reference storage layout';
  if (storage) {
    const record = await storage.recordOf(r.iin);
    const half = isAbsent(record) ? null : notExactlyOnce(record);
    left = isAbsent(record) ? 'none' : (half ?? 'one complete record');
    if (half) problems.push(`after the failed attempt: ${half}`);
    if (acknowledged(during) && isAbsent(record))
      problems.push('an acknowledged enrolment is not in storage');
    for (const d of await storage.disagreements()) if (!baseline.has(d)) problems.push(d);
  }
  const retry = await attemptEnrolment(ctx.target, r, o);
  if (!acknowledged(retry) || retry.outcome !== 'enrolled')
    problems.push(`after the services healed, the retry answered ${retry.status} ${retry.outcome}`);
  if (storage) {
    const once = notExactlyOnce(await storage.recordOf(r.iin));
    if (once) problems.push(`after the retry: ${once}`);
  }
  return {
    test: OUTAGE_TEST,
    outcome: problems.length === 0 ? 'pass' : 'fail',
    summary:
      problems.length === 0
        ? `all external services down: ${during.status} ${during.outcome}, nothing half-written; after healing the retry enrolled once`
        : problems.join('; '),
    details: {
      duringOutage: `${during.status} ${during.outcome}`,
      storageAfterFailure: left,
      retry: `${retry.status} ${retry.outcome}`,
      scope:
        'the hook takes every external service down at once, so the first call (the population register) fails before any write; a document-issuer failure after the vault write is not reached here (the crash after vault-written exercises the same roll-back)',
    },
  };
}
