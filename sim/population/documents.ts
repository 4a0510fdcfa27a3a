import { stream } from '../random/index.ts';
import { KeyedPermutation } from './keyed-permutation.ts';
import type { LegalStatus } from './legal-status.ts';

/**
 * Identity documents under the Law of 29 January 2013 No. 73-V "On identity documents": the citizen's
 * ID card (удостоверение личности, from 16) and passport, the foreigner's residence permit (вид на
 * жительство иностранца) and the stateless person's certificate (удостоверение лица без гражданства),
 * each valid 10 years. Numbers: ID card 9 digits, passport "N" + 8 digits (shared/docs/standards.md);
 * residence permits and stateless certificates are cards of the same family with 9-digit numbers
 * (verify).
 */

export type DocumentKind = 'id-card' | 'passport' | 'residence-permit' | 'stateless-certificate';

export type DocumentStatus = 'valid' | 'expired' | 'lost' | 'stolen' | 'replaced' | 'invalidated';

export interface IdentityDocument {
  kind: DocumentKind;
  number: string;
  issued: string;
  expires: string;
  status: DocumentStatus;
  /** When the status other than valid/expired took effect (loss, theft, replacement, holder's death). */
  statusDate?: string;
}

/** The document a resident must hold for the status (the passport is extra, for citizens). */
export const PRIMARY_DOCUMENT: Readonly<Record<LegalStatus, DocumentKind>> = {
  citizen: 'id-card',
  'foreign-permanent-resident': 'residence-permit',
  stateless: 'stateless-certificate',
};

/** Card numbers per resident (9-digit space) and passports per resident ("N" space). */
const CARDS_PER_RESIDENT = 8;
const PASSPORTS_PER_RESIDENT = 4;
const CARD_SPACE = 1_000_000_000;
const PASSPORT_SPACE = 100_000_000;

/** Residents for whom unique document numbers can be given. */
export const DOCUMENT_NUMBER_CAPACITY = PASSPORT_SPACE / PASSPORTS_PER_RESIDENT;

/**
 * Unique document numbers from (seed, resident, ordinal) alone: the j-th card of resident k is the
 * image of k·8 + j under a keyed permutation of the 9-digit space, and likewise for passports, so
 * numbers never collide and look random, without a registry of issued numbers.
 */
export class DocumentNumbers {
  private readonly cards: KeyedPermutation;
  private readonly passports: KeyedPermutation;

  constructor(seed: string) {
    const r = stream(seed, 'document-numbers');
    this.cards = new KeyedPermutation(CARD_SPACE, [r.uint32(), r.uint32(), r.uint32(), r.uint32()]);
    this.passports = new KeyedPermutation(PASSPORT_SPACE, [r.uint32(), r.uint32(), r.uint32(), r.uint32()]);
  }

  /** How many documents of this kind one resident can be given. */
  static perResident(kind: DocumentKind): number {
    return kind === 'passport' ? PASSPORTS_PER_RESIDENT : CARDS_PER_RESIDENT;
  }

  number(kind: DocumentKind, resident: number, ordinal: number): string {
    if (kind === 'passport') {
      const n = this.passports.apply(resident * PASSPORTS_PER_RESIDENT + ordinal);
      return `N${String(n).padStart(8, '0')}`;
    }
    return String(this.cards.apply(resident * CARDS_PER_RESIDENT + ordinal)).padStart(9, '0');
  }
}

/** Whether a number has the format of its kind. */
export function isDocumentNumber(kind: DocumentKind, number: string): boolean {
  return kind === 'passport' ? /^N\d{8}$/.test(number) : /^\d{9}$/.test(number);
}
