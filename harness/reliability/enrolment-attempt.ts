import { createHash } from 'node:crypto';
import type { Resident } from '../../sim/population/index.ts';
import { enrolmentRequest } from '../biometrics/synthetic-enrolment.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import { ContractViolation, isApiError } from '../targets/reference-api-client.ts';
import type { EnrolmentResult } from '../targets/reference-api-types.ts';

/** How one enrolment request ended, as the client saw it. */
export interface Attempt {
  /** HTTP status; 0 when no answer came (connection reset while the service restarted). */
  status: number;
  /** `enrolled`, `blocked-duplicate`, …, the error code, `contract-violation` or `no-answer`. */
  outcome: string;
  /** The 2xx body with keys sorted, for comparing answers; null for errors. */
  answer: string | null;
  result: EnrolmentResult | null;
}

/** A reliability suite's idempotency key: the same for a seed, purpose and person; unique otherwise. */
export function reliabilityKey(seed: string, purpose: string, r: Resident): string {
  const tag = createHash('sha256').update(seed).digest('hex').slice(0, 12);
  return `rel-${purpose}-${tag}-${r.index}`;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** Sends one enrolment of `r` (their own fingers) with `key` as the PSC operator; never throws for an answer. */
export async function attemptEnrolment(
  target: CertificationTarget,
  r: Resident,
  o: { seed: string; applicationDate: string; key: string },
): Promise<Attempt> {
  const body = enrolmentRequest(r, { seed: o.seed, applicationDate: o.applicationDate });
  try {
    const res = await target.client('psc-operator').enrol(body, { idempotencyKey: o.key });
    if (isApiError(res.body))
      return { status: res.status, outcome: res.body.code, answer: null, result: null };
    const result = res.body as EnrolmentResult;
    return { status: res.status, outcome: result.status, answer: canonical(result), result };
  } catch (e) {
    if (e instanceof ContractViolation)
      return { status: e.response.status, outcome: 'contract-violation', answer: null, result: null };
    return { status: 0, outcome: 'no-answer', answer: null, result: null };
  }
}

export const acknowledged = (a: Attempt) => a.status >= 200 && a.status < 300 && a.result !== null;
