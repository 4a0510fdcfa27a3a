/**
 * The bodies of the reference API contract (harness/contract/reference-api.openapi.json) as
 * TypeScript types, for suites that call a target. The contract is the authority: every response
 * the client receives is validated against it, so a drift here shows up as a contract violation.
 */
export type Role =
  | 'psc-operator'
  | 'consulate-officer'
  | 'identification-officer'
  | 'border-officer'
  | 'auditor'
  | 'certifier';

export interface ApiError {
  code: string;
  message: string;
  requestId: string;
}

export interface FingerprintBody {
  position: number;
  format: 'png' | 'iso19794-2';
  /** base64 */
  data: string;
}

export interface EnrolmentRequest {
  applicationDate: string;
  document: 'id-card' | 'passport' | 'residence-permit' | 'stateless-certificate';
  trigger: 'first-issue' | 'expiry' | 'name-change' | 'loss' | 'theft';
  applicant: {
    iin: string;
    surname: string;
    givenName: string;
    patronymic?: string | null;
    status: 'citizen' | 'permanent-resident' | 'stateless' | 'temporary-resident';
    citizenship: string | null;
  };
  guardianConsent?: boolean;
  refuses?: boolean;
  handInjury?: boolean;
  sensorProfile?: string;
  fingerprints: FingerprintBody[];
  missingFingers: { position: number; reason: 'amputation' | 'bandage' | 'scar' | 'no-pattern' }[];
}

export interface IssuedDocument {
  kind: string;
  number: string;
  issueDate: string;
  expiryDate: string;
  status: 'valid' | 'expired' | 'lost' | 'stolen' | 'replaced' | 'invalidated';
}

export interface EnrolmentResult {
  applicationId: string;
  status:
    | 'enrolled'
    | 'verified-existing'
    | 'exempt'
    | 'voluntary-declined'
    | 'not-covered'
    | 'postponed'
    | 'refused'
    | 'blocked-duplicate'
    | 'verification-failed';
  decidedBy: string;
  rules: string[];
  document?: IssuedDocument;
  fingersCaptured: number[];
  missingFingers: { position: number; reason: string }[];
  refusalId?: string;
  caseId?: string;
}

export type VerificationRequest = ({ iin: string } | { documentNumber: string }) & {
  fingerprints: FingerprintBody[];
};
export interface VerificationResult {
  decision: 'match' | 'no-match';
}

export interface IdentificationRequest {
  purpose: string;
  caseReference: string;
  fingerprints: FingerprintBody[];
}
export interface IdentificationResult {
  searchId: string;
  candidates: { rank: number; subjectId: string }[];
}

export interface SubjectResolutionRequest {
  subjectId: string;
  searchId?: string;
  purpose: string;
  caseReference: string;
}

export interface Person {
  subjectId?: string;
  iin: string;
  surname: string;
  givenName: string;
  patronymic?: string | null;
  birthDate?: string;
  sex?: 'M' | 'F';
  citizenship?: string | null;
  status?: string;
  deceased?: boolean;
  documents: IssuedDocument[];
}

export interface DocumentStatus {
  kind: string;
  status: IssuedDocument['status'];
  issueDate: string;
  expiryDate: string;
}

export interface DocumentReport {
  documentNumber: string;
  event: 'lost' | 'stolen';
  date: string;
}

/** A resident's death, as the civil registry notifies it (recorded at a PSC). */
export interface DeathRecord {
  iin: string;
  date: string;
}

/** The contract's audit entry is the reference domain's, field for field. */
import type { AuditEntry } from '../../sim/reference/types.ts';

export type { AuditEntry };

export interface AuditExport {
  entries: AuditEntry[];
  next?: number;
}

export interface AuditChainVerification {
  ok: boolean;
  entries: number;
  brokenAt?: number;
  reason?: string;
}

export interface Health {
  status: 'ok' | 'unavailable';
}

export interface ContractInfo {
  contract: 'dactylo-reference-api';
  contractVersion: string;
  implementation: string;
  implementationVersion: string;
}
