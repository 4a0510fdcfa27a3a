import { createHash } from 'node:crypto';
import { HttpResponse, http, type RequestHandler } from 'msw';

export const MOCK_URLS = {
  populationRegisterUrl: 'http://population-register.mock',
  documentIssuerUrl: 'http://document-issuer.mock',
  smsGatewayUrl: 'http://sms-gateway.mock',
} as const;

export interface MockLedger {
  confirmations: number;
  documents: Map<string, { number: string; issueDate: string; expiryDate: string }>;
  messages: string[];
  /** IINs the population register does not know. */
  unknownIins: Set<string>;
}

function tenYearsLess1Day(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 10);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * msw handlers that behave like healthy external systems speaking the protocols of
 * sim/services/external/http-external-services.ts; tests override them with outages.
 */
export function healthyExternalServices(): { handlers: RequestHandler[]; ledger: MockLedger } {
  const ledger: MockLedger = { confirmations: 0, documents: new Map(), messages: [], unknownIins: new Set() };
  const handlers = [
    http.post(`${MOCK_URLS.populationRegisterUrl}/v1/iin-confirmations`, async ({ request }) => {
      const { iin } = (await request.json()) as { iin: string };
      ledger.confirmations++;
      if (ledger.unknownIins.has(iin)) return HttpResponse.json({ error: 'unknown' }, { status: 404 });
      return HttpResponse.json({ confirmed: true });
    }),
    http.post(`${MOCK_URLS.documentIssuerUrl}/v1/documents`, async ({ request }) => {
      const r = (await request.json()) as { applicationId: string; kind: string; applicationDate: string };
      const known = ledger.documents.get(r.applicationId);
      if (known) return HttpResponse.json(known);
      const digits = String(
        createHash('sha256').update(r.applicationId).digest().readUInt32BE(0) % 100_000_000,
      );
      const prefix = r.kind === 'passport' ? 'N' : '0';
      const doc = {
        number: `${prefix}${digits.padStart(8, '0')}`,
        issueDate: r.applicationDate,
        expiryDate: tenYearsLess1Day(r.applicationDate),
      };
      ledger.documents.set(r.applicationId, doc);
      return HttpResponse.json(doc, { status: 201 });
    }),
    http.post(`${MOCK_URLS.smsGatewayUrl}/v1/notifications`, async ({ request }) => {
      ledger.messages.push(String(request.headers.get('idempotency-key')));
      return new HttpResponse(null, { status: 202 });
    }),
  ];
  return { handlers, ledger };
}
