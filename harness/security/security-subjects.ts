import { createHash } from 'node:crypto';
import type { Resident } from '../../sim/population/index.ts';
import type { EnrolmentRequest, EnrolmentResult, FingerprintBody } from '../targets/reference-api-types.ts';
import {
  answer,
  enrolmentRequest,
  idempotencyKey,
  probePrints,
  rawClient,
  type SecurityRun,
} from './security-fixtures.ts';

/** A resident the suite enrolled through the API, with what the target answered. */
export interface EnrolledSubject {
  resident: Resident;
  request: EnrolmentRequest;
  result: EnrolmentResult;
  documentNumber: string | null;
  /** A fresh touch of one finger, for 1:1 and 1:N probes. */
  probe: FingerprintBody[];
}

/** Enrols `r` as a PSC operator; throws (the test errors, it cannot conclude) unless it is enrolled. */
export async function enrolSubject(run: SecurityRun, r: Resident, label: string): Promise<EnrolledSubject> {
  const request = enrolmentRequest(r, run.seed, run.day);
  const res = await rawClient(run.target, 'psc-operator').enrol(request, {
    idempotencyKey: idempotencyKey(run.seed, 'enrol', label, r.index),
  });
  const result = res.body as EnrolmentResult;
  if (res.status !== 201 || result.status !== 'enrolled')
    throw new Error(
      `enrolling a plain adult applicant (${label}) answered ${answer(res)} ${res.status === 201 ? result.status : ''}: ` +
        'the security tests need an enrolled subject; check the target with the scenario suites first',
    );
  return {
    resident: r,
    request,
    result,
    documentNumber: result.document?.number ?? null,
    probe: probePrints(r, run.seed, [r.fingers.available[1] ?? r.fingers.available[0]]),
  };
}

/** The rank-1 subject id a 1:N search with the subject's probe returns, or null. */
export async function identifySubject(
  run: SecurityRun,
  s: EnrolledSubject,
  caseReference: string,
): Promise<string | null> {
  const res = await rawClient(run.target, 'identification-officer').identify({
    purpose: 'certification security check',
    caseReference,
    fingerprints: s.probe,
  });
  if (res.status !== 200) return null;
  const body = res.body as { candidates?: { rank: number; subjectId: string }[] };
  return body.candidates?.find((c) => c.rank === 1)?.subjectId ?? null;
}

/** A UUIDv4 from the seed that no target issued (for resolutions of unknown subjects). */
export function unknownSubjectId(seed: string, label: string): string {
  const h = createHash('sha256').update(`${seed}\u0000unknown-subject\u0000${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A well-formed document number that no target issued (digits from the seed, series Z). */
export function unknownDocumentNumber(seed: string, label: string): string {
  const h = createHash('sha256').update(`${seed}\u0000unknown-document\u0000${label}`).digest();
  return `Z${String(h.readUInt32BE(0) % 100_000_000).padStart(8, '0')}`;
}
