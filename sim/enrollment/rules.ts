import { ageOn } from './age.ts';
import type { Application } from './application.ts';
import type { Outcome } from './decision.ts';

/** A rule of the 2024 enrollment policy, as data: ID, where it comes from, and when it decides. */
export interface PolicyRule {
  id: string;
  title: string;
  source: string;
  /** True when this rule decides the application's outcome. */
  applies: (a: Application) => boolean;
  outcome: Outcome;
}

const RULES_2024 =
  'MIA Order No. 730 of 30 Sep 2024 (fingerprint registration rules), as amended 31 Mar 2026';
const LAW_2016 =
  'Law "On fingerprint and genomic registration" (2016), in force for fingerprints from 1 Jan 2024';

const age = (a: Application) => ageOn(a.applicant.birthDate, a.applicationDate);
const allFingersMissing = (a: Application) =>
  new Set(a.applicant.missingFingers.map((m) => m.position)).size >= 10;

/**
 * Rules in the order they are weighed: the first that applies decides. The order is itself policy:
 * who is covered before age, age before exemptions, exemptions before refusal.
 */
export const POLICY_RULES: readonly PolicyRule[] = [
  {
    id: 'POL-WHO-01',
    title: 'Only citizens and permanent residents (foreign or stateless) are fingerprinted',
    source: LAW_2016,
    applies: (a) => a.applicant.status === 'temporary-resident',
    outcome: 'not-covered',
  },
  {
    id: 'POL-AGE-01',
    title: 'Under 12: exempt; prints offered are not captured or stored',
    source: RULES_2024,
    applies: (a) => age(a) < 12,
    outcome: 'exempt-age',
  },
  {
    id: 'POL-EXM-01',
    title: 'No fingers on both hands or no papillary pattern on any finger: exempt',
    source: RULES_2024,
    applies: allFingersMissing,
    outcome: 'exempt-no-patterns',
  },
  {
    id: 'POL-AGE-02',
    title: '12 to under 16: voluntary, captured only with the consent of a parent or legal representative',
    source: RULES_2024,
    applies: (a) => age(a) < 16 && (a.guardianConsent !== true || a.refuses === true),
    outcome: 'voluntary-declined',
  },
  {
    id: 'POL-PST-01',
    title: 'A temporary hand injury postpones capture',
    source: RULES_2024,
    applies: (a) => a.applicant.handInjury === true,
    outcome: 'postponed',
  },
  {
    id: 'POL-REF-01',
    title: 'Refusal by a person who must enrol: document not issued, refusal recorded (CAO Article 443-1)',
    source: 'Code of Administrative Offences, Article 443-1; ' + RULES_2024,
    applies: (a) => a.refuses === true,
    outcome: 'refused',
  },
  {
    id: 'POL-VER-01',
    title: 'Already enrolled with good-quality prints: verify 1:1 instead of re-enrolling',
    source: RULES_2024,
    applies: (a) => a.existingEnrolment?.quality === 'good',
    outcome: 'verify',
  },
  {
    id: 'POL-ENR-01',
    title: 'At first issue or any replacement (expiry, name change, loss, theft): capture and enrol',
    source: RULES_2024,
    applies: () => true,
    outcome: 'enrol',
  },
];

/** Rules that add to a decision without deciding it. */
export const MODIFIER_RULES = {
  missingFingers: {
    id: 'POL-MIS-01',
    title: 'Fewer than ten fingers: enrol those that exist, record which are missing and why',
    source: RULES_2024,
  },
  deduplication: {
    id: 'POL-DUP-01',
    title: 'Every new enrolment is searched 1:N; a hit on another identity blocks the application',
    source: LAW_2016,
  },
  recovery: {
    id: 'POL-REC-01',
    title: 'A lost or stolen document is re-issued only after 1:1 verification of fresh prints',
    source: RULES_2024,
  },
} as const;
