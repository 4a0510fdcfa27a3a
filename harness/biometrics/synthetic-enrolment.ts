import type { FingerPosition } from '../../sim/fingerprints/finger-position.ts';
import type { Resident } from '../../sim/population/index.ts';
import { syntheticPrints } from '../../sim/reference/synthetic-applicants.ts';
import { enrolmentBody, fingerprintBody } from '../targets/enrolment-body.ts';
import type { EnrolmentRequest, FingerprintBody } from '../targets/reference-api-types.ts';

/**
 * Impressions of one synthetic finger: 0 is captured at enrolment; the others are later touches of
 * the same finger (mated probes). Each kind of trial uses its own, so no probe is the enrolled
 * sample itself.
 */
export const IMPRESSION = { enrolment: 0, duplicate: 1, verification: 2 } as const;

/**
 * Fingers a 1:1 verification carries: a four-finger slap of the right hand (positions 2–5), as
 * border verification captures it (the EU Entry/Exit System takes the same four), with fingers of
 * the left hand, then the thumbs, standing in for missing ones. With two fingers only, both must
 * agree at the reference's policy, and a single bad touch turns a resident away: a border
 * transaction is not made that way.
 */
export const VERIFICATION_FINGERS = 4;
const PREFERRED: readonly FingerPosition[] = [2, 3, 4, 5, 7, 8, 9, 10, 1, 6];

/**
 * The contract's enrolment body for a synthetic resident (see harness/targets/enrolment-body.ts).
 * `fingersOf` puts another resident's fingers under this resident's identity (a double registration).
 */
export function enrolmentRequest(
  r: Resident,
  o: { seed: string; applicationDate: string; impression?: number; fingersOf?: number },
): EnrolmentRequest {
  return enrolmentBody(r, o);
}

/** Templates of `subject`'s fingers at `positions`, from impression `impression`. */
export function probePrints(
  seed: string,
  subject: number,
  impression: number,
  positions: readonly FingerPosition[],
): FingerprintBody[] {
  return syntheticPrints(seed, subject, impression, positions).map(fingerprintBody);
}

/** The fingers a verification against `enrolled` carries, taken from positions `prober` also has. */
export function verificationPositions(enrolled: Resident, prober: Resident = enrolled): FingerPosition[] {
  const both = new Set(prober.fingers.available);
  return PREFERRED.filter((p) => enrolled.fingers.available.includes(p) && both.has(p)).slice(
    0,
    VERIFICATION_FINGERS,
  );
}

function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * An ordinary applicant for biometric trials: an adult (18+) living citizen or permanent resident
 * with at least four capturable fingers — whom the rules oblige to enrol and whose verification
 * carries a full slap. Stateless persons and children follow other rules (scenario suites).
 */
export function ordinaryApplicant(asOf: string): (r: Resident) => boolean {
  return (r) =>
    (r.status === 'citizen' || r.status === 'foreign-permanent-resident') &&
    ageOn(r.birthDate, asOf) >= 18 &&
    !r.events.some((e) => e.type === 'died' && e.date <= asOf) &&
    r.fingers.available.length >= VERIFICATION_FINGERS;
}
