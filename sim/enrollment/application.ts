import type { FingerPosition } from '../fingerprints/finger-position.ts';
import type { IsoDate } from './age.ts';

export type LegalStatus = 'citizen' | 'permanent-resident' | 'stateless' | 'temporary-resident';
export type DocumentKind = 'id-card' | 'passport' | 'residence-permit' | 'stateless-certificate';
/** Why the document is issued: the 2024 rules fingerprint at first issue and at every replacement. */
export type Trigger = 'first-issue' | 'expiry' | 'name-change' | 'loss' | 'theft';
export type Channel = 'psc' | 'consulate';

/** Why a finger cannot be captured; enrolment records it instead of a print. */
export type MissingReason = 'amputation' | 'bandage' | 'scar' | 'no-pattern';

/** What the rules need to know about a document application at a PSC or a consulate. */
export interface Application {
  applicationDate: IsoDate;
  channel: Channel;
  document: DocumentKind;
  trigger: Trigger;
  applicant: {
    birthDate: IsoDate;
    status: LegalStatus;
    /** Fingers that cannot be captured today, and why. */
    missingFingers: { position: FingerPosition; reason: MissingReason }[];
    /** A temporary hand injury (cast, fresh wound) that postpones capture. */
    handInjury?: boolean;
  };
  /** For applicants aged 12 to under 16: consent of a parent or legal representative. */
  guardianConsent?: boolean;
  /** The applicant declines fingerprinting. */
  refuses?: boolean;
  /** The applicant's prints already in the vault, if any. */
  existingEnrolment?: { quality: 'good' | 'poor' } | null;
}
