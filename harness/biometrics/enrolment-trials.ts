import { createHash } from 'node:crypto';
import type { Resident } from '../../sim/population/index.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import { ContractViolation, isApiError, type ReferenceApiClient } from '../targets/reference-api-client.ts';
import type { EnrolmentRequest, EnrolmentResult } from '../targets/reference-api-types.ts';
import { enrolmentRequest, IMPRESSION } from './synthetic-enrolment.ts';

/** An enrolment as sent: whose identity, whose fingers. */
export interface EnrolmentTrial {
  applicant: Resident;
  /** The person whose fingers are presented (the applicant, or an enrolled person for a mated trial). */
  fingersOf: Resident;
}

/**
 * How an enrolment ended: the contract's status (`enrolled`, `blocked-duplicate`, …), or the HTTP
 * status and error code when the target answered with an error, or `contract-violation`.
 */
export type EnrolmentAnswer = string;

export interface EnrolmentRun {
  answers: EnrolmentAnswer[];
  /** Enrolments per second, for the lead's budget (volatile). */
  perSecond: number;
}

/** An idempotency key that is the same for the same seed, person and purpose, and unique otherwise. */
export function trialKey(seed: string, purpose: string, r: Resident): string {
  const tag = createHash('sha256').update(seed).digest('hex').slice(0, 12);
  return `bio-${purpose}-${tag}-${r.index}`;
}

/**
 * Enrols one person after another through the API as the PSC operator (in order: a duplicate
 * check depends on who is already enrolled, so enrolments are never run concurrently here).
 */
export async function runEnrolments(
  target: CertificationTarget,
  o: { seed: string; applicationDate: string; purpose: string },
  trials: readonly EnrolmentTrial[],
  onProgress: (done: number) => void = () => {},
): Promise<EnrolmentRun> {
  const client = target.client('psc-operator');
  const started = performance.now();
  const answers: EnrolmentAnswer[] = [];
  for (const t of trials) {
    const mated = t.fingersOf !== t.applicant;
    const body = enrolmentRequest(t.applicant, {
      seed: o.seed,
      applicationDate: o.applicationDate,
      fingersOf: t.fingersOf.index,
      impression: mated ? IMPRESSION.duplicate : IMPRESSION.enrolment,
    });
    answers.push(await enrolOnce(client, body, trialKey(o.seed, o.purpose, t.applicant)));
    if (answers.length % 50 === 0) onProgress(answers.length);
  }
  const seconds = (performance.now() - started) / 1000;
  return { answers, perSecond: seconds > 0 ? trials.length / seconds : 0 };
}

async function enrolOnce(
  client: ReferenceApiClient,
  body: EnrolmentRequest,
  idempotencyKey: string,
): Promise<EnrolmentAnswer> {
  try {
    const res = await client.enrol(body, { idempotencyKey });
    if (isApiError(res.body)) return `${res.status} ${res.body.code}`;
    return (res.body as EnrolmentResult).status;
  } catch (e) {
    if (e instanceof ContractViolation) return 'contract-violation';
    throw e;
  }
}

/** Answers counted by kind, in a stable order (for the evidence's details). */
export function countAnswers(answers: readonly EnrolmentAnswer[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of [...answers].sort()) out[a] = (out[a] ?? 0) + 1;
  return out;
}
