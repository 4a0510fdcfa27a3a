import type { CertificationTarget } from '../targets/certification-target.ts';
import type { EnrolledCanary } from './canary-campaign.ts';
import { idempotencyKey, rawClient } from './canary-campaign.ts';
import { identifySubjects, type SubjectIdentity } from './subject-identifiers.ts';

/** The same canaries, enrolled in a second deployment, with their identifiers in both. */
export interface SecondDeploymentCampaign {
  second: CertificationTarget;
  /** Canaries enrolled in both, in campaign order. */
  canaries: EnrolledCanary[];
  first: SubjectIdentity[];
  other: SubjectIdentity[];
}

/** People enrolled in both deployments: enough for bit agreement over ~1,500 bits and D↔sys. */
export function crossDeploymentCount(quick: boolean): number {
  return quick ? 12 : 32;
}

/**
 * Enrols the first `n` canaries (same applicant, same prints) in the target's second deployment
 * through its PSC operator, and finds their subject identifiers there as in the first.
 */
export async function runSecondDeploymentCampaign(
  second: CertificationTarget,
  seed: string,
  canaries: readonly EnrolledCanary[],
  identities: readonly SubjectIdentity[],
  n: number,
): Promise<SecondDeploymentCampaign> {
  const psc = rawClient(second, 'psc-operator');
  const both: EnrolledCanary[] = [];
  for (const c of canaries.slice(0, n)) {
    const res = await psc.enrol(c.request, {
      idempotencyKey: idempotencyKey(seed, 'second-deployment', c.order),
    });
    if (res.status === 201 && (res.body as { status?: string }).status === 'enrolled') both.push(c);
  }
  const people = both.map((c) => ({ iin: c.resident.iin, request: c.request }));
  const other = await identifySubjects(second, people, 'CERT-LEAKAGE-2');
  const byIin = new Map(identities.map((i) => [i.iin, i]));
  const first = both.map(
    (c) => byIin.get(c.resident.iin) ?? { iin: c.resident.iin, subjectId: null, confirmed: false },
  );
  return { second, canaries: both, first, other };
}
