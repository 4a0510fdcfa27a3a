import type { Resident } from '../../sim/population/index.ts';
import { syntheticEnrolRequest } from '../../sim/reference/synthetic-applicants.ts';
import type { FingerprintInput } from '../../sim/reference/types.ts';
import type { EnrolmentRequest, FingerprintBody } from './reference-api-types.ts';

export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** A synthetic print as the contract carries it (base64 data). */
export function fingerprintBody(f: FingerprintInput): FingerprintBody {
  return { position: f.position, format: f.format, data: base64(f.data) };
}

/**
 * The contract's enrolment body for a synthetic resident: their applicant data and an ISO/IEC
 * 19794-2 template of every available finger (template-only synthesis). Another `impression` gives
 * a mated re-capture; `fingersOf` puts another resident's fingers under this identity (a double
 * registration).
 */
export function enrolmentBody(
  r: Resident,
  o: { seed: string; applicationDate: string; impression?: number; fingersOf?: number },
): EnrolmentRequest {
  const d = syntheticEnrolRequest(r, o);
  return {
    applicationDate: d.applicationDate,
    document: d.document,
    trigger: d.trigger,
    applicant: {
      iin: d.applicant.iin,
      surname: d.applicant.surname,
      givenName: d.applicant.givenName,
      patronymic: d.applicant.patronymic ?? null,
      status: d.applicant.status,
      citizenship: d.applicant.citizenship,
    },
    guardianConsent: d.guardianConsent,
    fingerprints: d.fingerprints.map(fingerprintBody),
    missingFingers: d.missingFingers,
  };
}
