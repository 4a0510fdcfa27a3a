import { createHash } from 'node:crypto';
import type { Resident } from '../../sim/population/index.ts';
import type { CertificationContext } from '../certify/certification-suite.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import { enrolmentBody } from '../targets/enrolment-body.ts';
import { type Exchange, ReferenceApiClient } from '../targets/reference-api-client.ts';
import type { EnrolmentRequest, EnrolmentResult } from '../targets/reference-api-types.ts';
import { type Canary, markerCanary } from './canary.ts';

/** A canary resident as the campaign enrolled it: who, with which marker, when, and what came back. */
export interface EnrolledCanary {
  resident: Resident;
  canary: Canary;
  request: EnrolmentRequest;
  /** Enrolment order within the campaign, 0-based. */
  order: number;
  status: EnrolmentResult['status'] | null;
  httpStatus: number;
  /** The certifier's clock when the answer came (ms since the epoch): what an observer of the PSC knows. */
  answeredAt: number;
}

export interface CanaryCampaign {
  /** Every canary the campaign tried, enrolled or not. */
  all: EnrolledCanary[];
  /** The canaries whose prints the target stored. */
  enrolled: EnrolledCanary[];
  /** Every request and response of the campaign (enrolments and deliberately invalid ones). */
  exchanges: Exchange[];
}

/** Canaries per run: enough for identifier order tests to reach |z| > 4 (n ≥ 18) with a margin. */
export function canaryCount(quick: boolean): number {
  return quick ? 24 : 64;
}

/** Adults with all ten fingers and a citizen's ID card: their first issue is always an enrolment. */
export function isPlainAdult(r: Resident, asOf: string): boolean {
  const adultBy = `${Number(asOf.slice(0, 4)) - 18}${asOf.slice(4)}`;
  return (
    r.status === 'citizen' &&
    r.birthDate <= adultBy &&
    r.fingers.available.length === 10 &&
    !r.events.some((e) => e.type === 'died' || e.type === 'moved-abroad')
  );
}

/** The contract's enrolment body for a resident, with the prints of its synthetic fingers. */
export function enrolmentRequest(r: Resident, seed: string, applicationDate: string): EnrolmentRequest {
  return enrolmentBody(r, { seed, applicationDate });
}

/** A reproducible Idempotency-Key (16–128 of A–Z a–z 0–9 _ -) for one write of the run. */
export function idempotencyKey(seed: string, ...parts: (string | number)[]): string {
  return createHash('sha256')
    .update([seed, ...parts].join('\u0000'))
    .digest('base64url')
    .slice(0, 40);
}

/** A client that does not throw on contract violations: an attack reads whatever the target answers. */
export function rawClient(target: CertificationTarget, role?: Parameters<CertificationTarget['token']>[0]) {
  return new ReferenceApiClient({
    transport: target.transport,
    token: role ? target.token(role) : undefined,
    validate: false,
  });
}

/**
 * Enrols `n` canaries through the PSC operator role: residents of the run's population whose
 * surname is replaced by a unique marker, so that any trace of them anywhere is a leak. Each canary
 * also sends one invalid enrolment (an unknown document kind) carrying its identity, so that error
 * bodies that echo the request are caught too.
 */
export async function runCanaryCampaign(
  ctx: CertificationContext,
  target: CertificationTarget,
  n: number,
): Promise<CanaryCampaign> {
  const residents = ctx.residents.take(n, (r) => isPlainAdult(r, ctx.asOf), 'leakage canaries');
  const markers = ctx.random('leakage', 'canary-markers');
  const psc = rawClient(target, 'psc-operator');
  const all: EnrolledCanary[] = [];
  for (const [order, resident] of residents.entries()) {
    const canary = markerCanary(resident, markers);
    const base = enrolmentRequest(resident, ctx.seed, ctx.asOf);
    const request = { ...base, applicant: { ...base.applicant, surname: canary.surname } };
    const res = await psc.enrol(request, { idempotencyKey: idempotencyKey(ctx.seed, 'canary', order) });
    const body = res.body as Partial<EnrolmentResult>;
    all.push({
      resident,
      canary,
      request,
      order,
      status: res.status === 201 && typeof body.status === 'string' ? body.status : null,
      httpStatus: res.status,
      answeredAt: Date.now(),
    });
    await psc.call(
      'enrol',
      { ...request, document: 'library-card', fingerprints: [] },
      {
        idempotencyKey: idempotencyKey(ctx.seed, 'canary-invalid', order),
      },
    );
    if (order % 8 === 7) ctx.progress(`leakage: ${order + 1} of ${n} canaries enrolled`);
  }
  return { all, enrolled: all.filter((c) => c.status === 'enrolled'), exchanges: psc.exchanges };
}
