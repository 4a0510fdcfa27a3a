import { createHash } from 'node:crypto';
import type { IsoDate } from '../enrollment/age.ts';
import type { DocumentKind } from '../enrollment/application.ts';

/**
 * The systems a real registration system calls. The reference system holds only these interfaces;
 * the in-process simulation below is the default, and HTTP clients (with timeouts and retries)
 * implement the same interfaces for deployments and msw-mocked tests. Every call must be safe to
 * repeat with the same arguments: the reference system retries after a crash.
 */
export interface PopulationRegister {
  /** Whether the national population database knows this IIN (and it is not annulled). */
  confirmIin(iin: string): Promise<{ confirmed: boolean }>;
}

export interface DocumentIssueRequest {
  /** Idempotency: the same application id always yields the same document. */
  applicationId: string;
  kind: DocumentKind;
  iin: string;
  surname: string;
  givenName: string;
  patronymic: string | null;
  birthDate: IsoDate;
  applicationDate: IsoDate;
}

export interface IssuedDocumentRecord {
  number: string;
  issueDate: IsoDate;
  expiryDate: IsoDate;
}

export interface DocumentIssuer {
  issue(request: DocumentIssueRequest): Promise<IssuedDocumentRecord>;
}

export interface Notification {
  /** Idempotency: the outbox id; a receiver drops repeats. */
  id: string;
  applicationId: string;
  template: 'document-ready' | 'application-blocked' | 'application-refused';
}

export interface Notifications {
  send(n: Notification): Promise<void>;
}

export interface ExternalServices {
  populationRegister: PopulationRegister;
  documentIssuer: DocumentIssuer;
  notifications: Notifications;
}

/** Validity in years by kind (ID cards and passports 10 years; permits and certificates 10 as well). */
const VALIDITY_YEARS: Record<DocumentKind, number> = {
  'id-card': 10,
  passport: 10,
  'residence-permit': 10,
  'stateless-certificate': 10,
};

const PREFIX: Record<DocumentKind, string> = {
  'id-card': '0',
  passport: 'N',
  'residence-permit': 'F',
  'stateless-certificate': 'S',
};

function addYears(date: IsoDate, years: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * In-process stand-ins: every IIN is confirmed unless listed in `unknownIins`; a document's number
 * is derived from its application id (idempotent, and the same after a restart, like a real
 * issuer's lookup by application); notifications are kept in `sent`, repeats dropped by id.
 */
export class SimulatedExternalServices implements ExternalServices {
  readonly sent: Notification[] = [];
  readonly unknownIins = new Set<string>();
  /** Applications the issuer has seen, in order (tests count repeats). */
  readonly issueCalls: string[] = [];

  populationRegister: PopulationRegister = {
    confirmIin: async (iin) => ({ confirmed: !this.unknownIins.has(iin) }),
  };

  documentIssuer: DocumentIssuer = {
    issue: async (r) => {
      this.issueCalls.push(r.applicationId);
      const digest = createHash('sha256').update(`${r.kind}\u0000${r.applicationId}`).digest();
      // Series character + 8 digits, the format of Kazakh ID cards and passports (N12345678).
      const number = `${PREFIX[r.kind]}${String(digest.readUIntBE(0, 6) % 100_000_000).padStart(8, '0')}`;
      return {
        number,
        issueDate: r.applicationDate,
        expiryDate: addYears(r.applicationDate, VALIDITY_YEARS[r.kind]),
      };
    },
  };

  notifications: Notifications = {
    send: async (n) => {
      if (!this.sent.some((s) => s.id === n.id)) this.sent.push(n);
    },
  };
}
