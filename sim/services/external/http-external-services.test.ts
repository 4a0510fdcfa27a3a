import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../reference/domain-error.ts';
import { httpExternalServices } from './http-external-services.ts';

const POP = 'http://population.test';
const DOCS = 'http://documents.test';
const SMS = 'http://sms.test';
const IIN = '870212441482';
const server = setupServer();
const services = httpExternalServices({
  populationRegisterUrl: POP,
  documentIssuerUrl: DOCS,
  smsGatewayUrl: SMS,
  retry: { timeoutMs: 100, retries: 2, backoffMs: 5 },
});
const issueRequest = {
  applicationId: '3f0c6a2e-8a51-4c1e-9d7a-1b2c3d4e5f60',
  kind: 'id-card' as const,
  iin: IIN,
  surname: 'Нұрланова',
  givenName: 'Гаухар',
  patronymic: null,
  birthDate: '1987-02-12',
  applicationDate: '2025-03-01',
};

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Counts the calls a handler answers, to show retries are bounded. */
function counted(answer: (n: number) => Response | Promise<Response>) {
  const calls = { n: 0 };
  return { calls, resolver: async () => answer(++calls.n) };
}

async function failure(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

describe('population register client', () => {
  it('confirms an IIN, sent in the body (never the URL)', async () => {
    let seen: unknown = null;
    server.use(
      http.post(`${POP}/v1/iin-confirmations`, async ({ request }) => {
        seen = { url: request.url, body: await request.json() };
        return HttpResponse.json({ confirmed: true });
      }),
    );
    expect(await services.populationRegister.confirmIin(IIN)).toEqual({ confirmed: true });
    expect(seen).toEqual({ url: `${POP}/v1/iin-confirmations`, body: { iin: IIN } });
  });

  it('takes 404 as "not known", without retrying', async () => {
    const { calls, resolver } = counted(() => HttpResponse.json({ error: 'unknown' }, { status: 404 }));
    server.use(http.post(`${POP}/v1/iin-confirmations`, resolver));
    expect(await services.populationRegister.confirmIin(IIN)).toEqual({ confirmed: false });
    expect(calls.n).toBe(1);
  });

  it('rides out two 5xx answers with retries', async () => {
    const { calls, resolver } = counted((n) =>
      n < 3 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ confirmed: true }),
    );
    server.use(http.post(`${POP}/v1/iin-confirmations`, resolver));
    expect(await services.populationRegister.confirmIin(IIN)).toEqual({ confirmed: true });
    expect(calls.n).toBe(3);
  });

  it('gives up after the bounded retries on an outage, naming the service but not the IIN', async () => {
    const { calls, resolver } = counted(() => new HttpResponse('down', { status: 500 }));
    server.use(http.post(`${POP}/v1/iin-confirmations`, resolver));
    const e = await failure(services.populationRegister.confirmIin(IIN));
    expect(e.code).toBe('external-service-unavailable');
    expect(e.message).toBe('population register: answered HTTP 500 after 3 attempts');
    expect(e.message).not.toContain(IIN);
    expect(calls.n).toBe(3);
  });

  it('times out a slow answer on every attempt', async () => {
    const { calls, resolver } = counted(async () => {
      await delay(1000);
      return HttpResponse.json({ confirmed: true });
    });
    server.use(http.post(`${POP}/v1/iin-confirmations`, resolver));
    const e = await failure(services.populationRegister.confirmIin(IIN));
    expect(e.message).toBe('population register: no answer within 100 ms after 3 attempts');
    expect(calls.n).toBe(3);
  });

  it('refuses garbage (not JSON, or JSON of the wrong shape) without retrying', async () => {
    const html = counted(() => new HttpResponse('<html>gateway</html>', { status: 200 }));
    server.use(http.post(`${POP}/v1/iin-confirmations`, html.resolver));
    expect((await failure(services.populationRegister.confirmIin(IIN))).message).toBe(
      'population register: answered HTTP 200 with a body that is not JSON',
    );
    expect(html.calls.n).toBe(1);
    server.use(http.post(`${POP}/v1/iin-confirmations`, () => HttpResponse.json({ confirmed: 'yes' })));
    expect((await failure(services.populationRegister.confirmIin(IIN))).message).toBe(
      'population register: answer lacks a boolean "confirmed"',
    );
  });

  it('does not retry a 400 (the request itself is wrong)', async () => {
    const { calls, resolver } = counted(() => new HttpResponse(null, { status: 400 }));
    server.use(http.post(`${POP}/v1/iin-confirmations`, resolver));
    expect((await failure(services.populationRegister.confirmIin(IIN))).message).toBe(
      'population register: answered HTTP 400',
    );
    expect(calls.n).toBe(1);
  });
});

describe('document issuer client', () => {
  it('sends the application id as the idempotency key and returns the document', async () => {
    let key: string | null = null;
    server.use(
      http.post(`${DOCS}/v1/documents`, ({ request }) => {
        key = request.headers.get('idempotency-key');
        return HttpResponse.json(
          { number: '012345678', issueDate: '2025-03-01', expiryDate: '2035-02-28' },
          { status: 201 },
        );
      }),
    );
    expect(await services.documentIssuer.issue(issueRequest)).toEqual({
      number: '012345678',
      issueDate: '2025-03-01',
      expiryDate: '2035-02-28',
    });
    expect(key).toBe(issueRequest.applicationId);
  });

  it('rejects an answer without a proper document number, and an outage, with the same code', async () => {
    server.use(
      http.post(`${DOCS}/v1/documents`, () => HttpResponse.json({ number: 42, issueDate: '2025-03-01' })),
    );
    const garbage = await failure(services.documentIssuer.issue(issueRequest));
    expect(garbage.code).toBe('external-service-unavailable');
    expect(garbage.message).toBe('document issuer: answer lacks a document number of 9 characters');
    server.use(http.post(`${DOCS}/v1/documents`, () => HttpResponse.error()));
    const down = await failure(services.documentIssuer.issue(issueRequest));
    expect(down.message).toBe('document issuer: connection failed after 3 attempts');
    for (const e of [garbage, down]) {
      expect(e.message).not.toContain(IIN);
      expect(e.message).not.toContain('Нұрланова');
    }
  });
});

describe('SMS gateway client', () => {
  it('delivers with the notification id as idempotency key; an outage is an error the caller may absorb', async () => {
    const got: unknown[] = [];
    server.use(
      http.post(`${SMS}/v1/notifications`, async ({ request }) => {
        got.push([request.headers.get('idempotency-key'), await request.json()]);
        return new HttpResponse(null, { status: 202 });
      }),
    );
    const n = { id: 'n-1', applicationId: issueRequest.applicationId, template: 'document-ready' as const };
    await services.notifications.send(n);
    expect(got).toEqual([['n-1', n]]);
    server.use(http.post(`${SMS}/v1/notifications`, () => new HttpResponse(null, { status: 502 })));
    expect((await failure(services.notifications.send(n))).message).toBe(
      'SMS gateway: answered HTTP 502 after 3 attempts',
    );
  });
});
