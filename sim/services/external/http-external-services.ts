import type {
  DocumentIssueRequest,
  DocumentIssuer,
  ExternalServices,
  IssuedDocumentRecord,
  Notification,
  Notifications,
  PopulationRegister,
} from '../../reference/external-services.ts';
import { type HttpCall, postJson, protocolError, type RetryPolicy } from './http-call.ts';

export interface HttpExternalServicesOptions {
  /** Base URLs, e.g. https://population.example.kz */
  populationRegisterUrl: string;
  documentIssuerUrl: string;
  smsGatewayUrl: string;
  retry?: RetryPolicy;
  /** Extra headers for every call (credentials of the deployment). */
  headers?: Record<string, string>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DOCUMENT_NUMBER = /^[0-9A-Z][0-9]{8}$/;

/**
 * The external systems over HTTP (the protocols are dactylo's; README "External services"):
 *   population register  POST /v1/iin-confirmations {iin} → 200 {confirmed}, 404 = not known
 *   document issuer      POST /v1/documents (Idempotency-Key: application id) → 200/201 {number, issueDate, expiryDate}
 *   SMS gateway          POST /v1/notifications (Idempotency-Key: notification id) → 2xx
 * Identifiers travel in bodies, never URLs.
 */
export function httpExternalServices(o: HttpExternalServicesOptions): ExternalServices {
  const call = (c: HttpCall) => postJson({ ...c, headers: { ...o.headers, ...c.headers } }, o.retry);
  return {
    populationRegister: populationRegisterClient(o.populationRegisterUrl, call),
    documentIssuer: documentIssuerClient(o.documentIssuerUrl, call),
    notifications: notificationsClient(o.smsGatewayUrl, call),
  };
}

type Call = (c: HttpCall) => ReturnType<typeof postJson>;

function populationRegisterClient(base: string, call: Call): PopulationRegister {
  const service = 'population register';
  return {
    async confirmIin(iin) {
      const a = await call({
        service,
        url: new URL('/v1/iin-confirmations', base).href,
        body: { iin },
        acceptStatuses: [404],
      });
      if (a.status === 404) return { confirmed: false };
      const confirmed = (a.json as { confirmed?: unknown } | null)?.confirmed;
      if (typeof confirmed !== 'boolean') throw protocolError(service, 'lacks a boolean "confirmed"');
      return { confirmed };
    },
  };
}

function documentIssuerClient(base: string, call: Call): DocumentIssuer {
  const service = 'document issuer';
  return {
    async issue(r: DocumentIssueRequest): Promise<IssuedDocumentRecord> {
      const a = await call({
        service,
        url: new URL('/v1/documents', base).href,
        body: r,
        headers: { 'Idempotency-Key': r.applicationId },
      });
      const d = (a.json ?? {}) as Partial<IssuedDocumentRecord>;
      if (typeof d.number !== 'string' || !DOCUMENT_NUMBER.test(d.number))
        throw protocolError(service, 'lacks a document number of 9 characters');
      if (typeof d.issueDate !== 'string' || !ISO_DATE.test(d.issueDate))
        throw protocolError(service, 'lacks an issueDate YYYY-MM-DD');
      if (typeof d.expiryDate !== 'string' || !ISO_DATE.test(d.expiryDate))
        throw protocolError(service, 'lacks an expiryDate YYYY-MM-DD');
      return { number: d.number, issueDate: d.issueDate, expiryDate: d.expiryDate };
    },
  };
}

function notificationsClient(base: string, call: Call): Notifications {
  return {
    async send(n: Notification) {
      await call({
        service: 'SMS gateway',
        url: new URL('/v1/notifications', base).href,
        body: n,
        headers: { 'Idempotency-Key': n.id },
      });
    },
  };
}
