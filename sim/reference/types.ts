import type { IsoDate } from '../enrollment/age.ts';
import type { DocumentKind, LegalStatus, MissingReason, Trigger } from '../enrollment/application.ts';
import type { FingerPosition } from '../fingerprints/finger-position.ts';

/** Roles of the people (and the certifier) who call the reference system. */
export type Role =
  | 'psc-operator'
  | 'consulate-officer'
  | 'identification-officer'
  | 'border-officer'
  | 'auditor'
  | 'certifier';

export const ROLES: readonly Role[] = [
  'psc-operator',
  'consulate-officer',
  'identification-officer',
  'border-officer',
  'auditor',
  'certifier',
];

/** Who acts: a pseudonymous operator id (never a name), the role, and the office (PSC or consulate code). */
export interface Actor {
  id: string;
  role: Role;
  office?: string;
}

/** One captured finger: an ISO/IEC 19794-2:2005 record, or an 8-bit grayscale PNG (500 ppi) to extract. */
export interface FingerprintInput {
  position: FingerPosition;
  format: 'iso19794-2' | 'png';
  data: Uint8Array;
}

export interface MissingFinger {
  position: FingerPosition;
  reason: MissingReason;
}

/** The applicant as the PSC or consulate records them; PII, kept in the registry only. */
export interface ApplicantData {
  iin: string;
  surname: string;
  givenName: string;
  patronymic?: string | null;
  birthDate: IsoDate;
  sex: 'M' | 'F';
  /** ISO 3166-1 alpha-3, or null for a stateless person. */
  citizenship: string | null;
  status: LegalStatus;
}

export interface EnrolRequest {
  applicant: ApplicantData;
  document: DocumentKind;
  trigger: Trigger;
  channel: { kind: 'psc' | 'consulate'; office: string };
  applicationDate: IsoDate;
  /** 12 to under 16: consent of a parent or legal representative. */
  guardianConsent?: boolean;
  /** The applicant declines to give fingerprints. */
  refuses?: boolean;
  /** A temporary hand injury postpones capture. */
  handInjury?: boolean;
  fingerprints: FingerprintInput[];
  missingFingers: MissingFinger[];
  /** Capture device's sensor profile name (sim/fingerprints/sensor-profiles.json); kept in the vault. */
  sensorProfile?: string;
}

export type EnrolStatus =
  /** New prints stored in the vault after a clean 1:N search; document issued. */
  | 'enrolled'
  /** Already enrolled with good prints: fresh prints verified 1:1 (and templates updated if better). */
  | 'verified-existing'
  /** Under 12 or no papillary pattern: nothing captured, nothing stored even if offered. */
  | 'exempt'
  /** 12 to under 16 without consent: nothing stored, the document proceeds. */
  | 'voluntary-declined'
  /** Temporary residents are not fingerprinted; the document proceeds. */
  | 'not-covered'
  /** Capture postponed for a temporary hand injury; the document proceeds. */
  | 'postponed'
  /** Mandatory and refused: no document; refusal record (CAO Art. 443-1) in the registry only. */
  | 'refused'
  /** 1:N hit on another identity: application blocked, case raised; the matched identity is not disclosed. */
  | 'blocked-duplicate'
  /** Fresh prints did not match the stored ones (recovery or re-issue): no document. */
  | 'verification-failed';

export interface IssuedDocument {
  kind: DocumentKind;
  number: string;
  issueDate: IsoDate;
  expiryDate: IsoDate;
  status: DocumentStatus;
}

/** `invalidated`: the holder's death was recorded. */
export type DocumentStatus = 'valid' | 'expired' | 'lost' | 'stolen' | 'replaced' | 'invalidated';

export interface EnrolOutcome {
  applicationId: string;
  status: EnrolStatus;
  /** Policy rule that decided, and every rule that contributed (sim/enrollment/rules.ts IDs). */
  decidedBy: string;
  rules: string[];
  /** The document issued, when the application completed. */
  document?: IssuedDocument;
  /** Fingers recorded as missing, with their reason. */
  missingFingers: MissingFinger[];
  /** Fingers stored (enrolled) or compared (verified). */
  fingersCaptured: FingerPosition[];
  /** Refusal record id (Art. 443-1), when refused. */
  refusalId?: string;
  /** Case id of the suspected double registration, for the operator's supervisor; never the other identity. */
  caseId?: string;
}

export interface WriteOptions {
  /** Same key + same request ⇒ the first outcome; same key + different request ⇒ DomainError 'idempotency-conflict'. */
  idempotencyKey: string;
}

export type VerifyRequest = ({ iin: string } | { documentNumber: string }) & {
  fingerprints: FingerprintInput[];
};

/** 1:1 decision only, never a score. */
export interface VerifyOutcome {
  match: boolean;
  /** Only with the planted flaw scores-in-responses: the best agreeing finger's comparison score. */
  score?: number;
}

export interface IdentifyRequest {
  fingerprints: FingerprintInput[];
  /** Why the search is made (free text, kept in the audit log; must not contain PII). */
  purpose: string;
  /** The case or incident number that authorises it. */
  caseReference: string;
}

/** Candidates as subject identifiers and ranks: no scores, no PII. */
export interface IdentifyOutcome {
  searchId: string;
  /** `score` only with the planted flaw scores-in-responses. */
  candidates: { subjectId: string; rank: number; score?: number }[];
}

export interface ResolutionContext {
  purpose: string;
  caseReference: string;
}

/** A person as a role needs to see them; fields a role does not need are absent. */
export interface PersonView {
  subjectId?: string;
  iin: string;
  surname: string;
  givenName: string;
  patronymic?: string | null;
  birthDate?: IsoDate;
  sex?: 'M' | 'F';
  citizenship?: string | null;
  status?: LegalStatus;
  deceased?: boolean;
  documents: IssuedDocument[];
}

export interface ReportDocumentRequest {
  kind: 'lost' | 'stolen';
  date: IsoDate;
}

export interface DeathRecord {
  date: IsoDate;
}

/** One audit entry: who, role, what, purpose, pseudonymous ids, when. Never PII. */
export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string;
  role: Role;
  action: string;
  purpose: string | null;
  caseReference: string | null;
  /** Pseudonymous ids the action touched (subject ids, application ids, search ids). */
  subjects: string[];
  prevHash: string;
  hash: string;
}

export interface AuditRange {
  fromSeq?: number;
  toSeq?: number;
}

export interface AuditChainCheck {
  ok: boolean;
  entries: number;
  /** First sequence number where the chain breaks (changed, deleted or reordered entry). */
  brokenAt?: number;
  reason?: string;
}

/** Counters only; no labels that could carry PII. */
export type MetricsSnapshot = Record<string, number>;

/** A structured log event; fields are pseudonymous ids, codes and counts only. */
export interface LogEvent {
  level: 'debug' | 'info' | 'warn' | 'error';
  event: string;
  [field: string]: string | number | boolean | null | undefined;
}

export type Logger = (e: LogEvent) => void;
