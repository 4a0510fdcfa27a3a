import type { FingerPosition } from '../fingerprints/finger-position.ts';
import type { MissingReason } from './application.ts';

export type Outcome =
  /** Not someone the rules cover (e.g. a temporary resident): no capture. */
  | 'not-covered'
  /** Under 12: no capture, and prints offered anyway are discarded, never stored. */
  | 'exempt-age'
  /** No fingers on both hands or no papillary pattern on any finger. */
  | 'exempt-no-patterns'
  /** Aged 12 to under 16 without guardian consent: no capture, the document proceeds. */
  | 'voluntary-declined'
  /** Capture postponed for a temporary hand injury; the document proceeds. */
  | 'postponed'
  /** Mandatory and refused: document not issued, refusal recorded for Article 443-1. */
  | 'refused'
  /** Capture, search 1:N for duplicates, store in the vault. */
  | 'enrol'
  /** Already enrolled with good prints: capture and verify 1:1; a better capture updates templates. */
  | 'verify';

export interface Decision {
  outcome: Outcome;
  /** The rule that decided, and every rule that contributed (IDs from rules.ts). */
  decidedBy: string;
  rules: string[];
  capture: boolean;
  /** Whether captured prints may be written to the vault. */
  storePrints: boolean;
  /** Search the vault 1:N before storing (blocks illegal double registration). */
  deduplicate: boolean;
  /** A 1:1 verification against the vault must pass before the document is issued. */
  verify: boolean;
  /** Whether the document application can be completed. */
  documentProceeds: boolean;
  /** A refusal record for administrative liability goes to the registry (never the vault). */
  refusalRecord: boolean;
  /** Fingers to capture (ISO positions) and the ones recorded as missing with their reason. */
  fingersToCapture: FingerPosition[];
  missingFingers: { position: FingerPosition; reason: MissingReason }[];
}
