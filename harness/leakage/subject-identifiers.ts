import type { CertificationTarget } from '../targets/certification-target.ts';
import type {
  EnrolmentRequest,
  IdentificationResult,
  Person,
  SubjectResolutionRequest,
} from '../targets/reference-api-types.ts';
import { rawClient } from './canary-campaign.ts';

/** A resident's subject identifier as the target's own API gives it to the role that may see it. */
export interface SubjectIdentity {
  iin: string;
  subjectId: string | null;
  /** True when resolving the identifier named the same IIN (false: resolution refused or failed). */
  confirmed: boolean;
}

const PURPOSE = 'certification: depersonalization leakage tests';
/** Probe fingers per search: two of the enrolled prints find the subject and keep the 1:N cheap. */
const PROBE_FINGERS = 2;

/**
 * Finds each enrolled person's subject identifier the way an identification officer would: a 1:N
 * search with two of the prints enrolled, the first candidate, then resolution of that candidate,
 * which must name the same IIN. A candidate the target will not resolve (a malformed identifier, for
 * instance) is kept but not confirmed; one that resolves to someone else is dropped.
 */
export async function identifySubjects(
  target: CertificationTarget,
  people: readonly { iin: string; request: EnrolmentRequest }[],
  caseReference: string,
): Promise<SubjectIdentity[]> {
  const officer = rawClient(target, 'identification-officer');
  const out: SubjectIdentity[] = [];
  for (const p of people) {
    const search = await officer.identify({
      purpose: PURPOSE,
      caseReference,
      fingerprints: p.request.fingerprints.slice(0, PROBE_FINGERS),
    });
    const found = search.status === 200 ? (search.body as IdentificationResult) : null;
    const first = found?.candidates?.find((c) => c.rank === 1) ?? found?.candidates?.[0];
    if (!first || typeof first.subjectId !== 'string') {
      out.push({ iin: p.iin, subjectId: null, confirmed: false });
      continue;
    }
    const request: SubjectResolutionRequest = {
      subjectId: first.subjectId,
      searchId: found?.searchId,
      purpose: PURPOSE,
      caseReference,
    };
    const resolved = await officer.resolveSubject(request);
    const iin = resolved.status === 200 ? (resolved.body as Person).iin : undefined;
    if (iin !== undefined && iin !== p.iin) out.push({ iin: p.iin, subjectId: null, confirmed: false });
    else out.push({ iin: p.iin, subjectId: first.subjectId, confirmed: iin === p.iin });
  }
  return out;
}
