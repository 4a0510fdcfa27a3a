import type { Resident } from '../../sim/population/index.ts';
import { ordinaryApplicant } from '../biometrics/synthetic-enrolment.ts';
import type { CertificationContext, SuiteEvidence } from '../certify/certification-suite.ts';
import { type Attempt, acknowledged, attemptEnrolment, reliabilityKey } from './enrolment-attempt.ts';
import { notExactlyOnce, ReferenceStorage } from './reference-storage.ts';

export const IDEMPOTENT_RETRY_TEST = 'reliability/idempotent-retry';
const SENDS = 3;

/** Answers a client may get while the first request with its key is still being processed. */
const BUSY = new Set([409, 425, 429, 503]);

interface Case {
  how: 'one after another' | 'at once';
  answers: { status: number; outcome: string }[];
  problems: string[];
}

/** Every acknowledged answer must be the first acknowledged answer, byte for byte. */
function sameAnswers(attempts: readonly Attempt[]): string[] {
  const acked = attempts.filter(acknowledged);
  if (acked.length === 0) return ['no send was acknowledged'];
  const first = acked[0].answer;
  return acked.some((a) => a.answer !== first)
    ? [
        `the answers differ: ${acked.map((a) => a.result?.status ?? '?').join(' / ')} (application or document changed)`,
      ]
    : [];
}

async function sequential(ctx: CertificationContext, r: Resident): Promise<Case> {
  const o = { seed: ctx.seed, applicationDate: ctx.asOf, key: reliabilityKey(ctx.seed, 'retry-seq', r) };
  const attempts: Attempt[] = [];
  for (let i = 0; i < SENDS; i++) attempts.push(await attemptEnrolment(ctx.target, r, o));
  const problems = sameAnswers(attempts);
  const refused = attempts.filter((a) => !acknowledged(a));
  if (refused.length > 0) problems.push(`${refused.length} of ${SENDS} sends were not acknowledged`);
  return { how: 'one after another', answers: attempts.map(brief), problems };
}

/** The network-duplicate case: the same request arrives again while the first is in flight. */
async function concurrent(ctx: CertificationContext, r: Resident): Promise<Case> {
  const o = { seed: ctx.seed, applicationDate: ctx.asOf, key: reliabilityKey(ctx.seed, 'retry-par', r) };
  const attempts = await Promise.all(Array.from({ length: SENDS }, () => attemptEnrolment(ctx.target, r, o)));
  const problems: string[] = [];
  for (const a of attempts.filter((x) => !acknowledged(x)))
    if (!BUSY.has(a.status))
      problems.push(`a concurrent duplicate got ${a.status} ${a.outcome}, not a retry-later answer`);
  // Once everything settled, a further retry must return the one result.
  attempts.push(await attemptEnrolment(ctx.target, r, o));
  problems.push(...sameAnswers(attempts));
  return { how: 'at once', answers: attempts.map(brief), problems };
}

const brief = (a: Attempt) => ({ status: a.status, outcome: a.outcome });

/**
 * The same enrolment sent three times with one idempotency key, one after another and all at
 * once: every acknowledged answer is identical (same application, same document), and storage
 * holds the person exactly once (when the target's storage has the reference layout).
 */
export async function idempotentRetry(ctx: CertificationContext): Promise<SuiteEvidence> {
  const [a, b] = ctx.residents.take(2, ordinaryApplicant(ctx.asOf), 'reliability: idempotent retry');
  const cases = [await sequential(ctx, a), await concurrent(ctx, b)];
  const storage = await ReferenceStorage.open(ctx.target);
  const stored: string[] = [];
  if (storage)
    for (const [r, c] of [
      [a, cases[0]],
      [b, cases[1]],
    ] as const) {
      const wrong = notExactlyOnce(await storage.recordOf(r.iin));
      if (wrong) c.problems.push(`storage: ${wrong}`);
      stored.push(wrong ? `not once: ${wrong}` : 'exactly once');
    }
  const failed = cases.filter((c) => c.problems.length > 0);
  return {
    test: IDEMPOTENT_RETRY_TEST,
    outcome: failed.length === 0 ? 'pass' : 'fail',
    summary:
      failed.length === 0
        ? `${SENDS} sends with one key, sequential and concurrent: one result each, one record each`
        : failed.map((c) => `${c.how}: ${c.problems.join('; ')}`).join(' | '),
    details: {
      cases,
      storage: storage ? stored : 'not inspected: the target does not have the reference storage layout',
    },
  };
}
