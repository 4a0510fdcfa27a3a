import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGrayImage } from '../../sim/image/gray-image.ts';
import { encodeGrayPng } from '../../sim/image/png-encode.ts';
import { AS_OF, adults, TEST_SEED } from '../../sim/reference/reference-test-system.test-helper.ts';
import { ROLES, type Role } from '../../sim/reference/types.ts';
import { httpExternalServices } from '../../sim/services/external/http-external-services.ts';
import { BODY_LIMIT_BYTES } from '../../sim/services/reference-server.ts';
import { mayCall, type OperationId, ROLE_MATRIX } from '../../sim/services/role-matrix.ts';
import { contractOperation } from '../contract/reference-api.ts';
import { healthyExternalServices, MOCK_URLS } from './external-services-mock.ts';
import { findLeaks } from './pii-canary.ts';
import { type ApiResponse, isApiError } from './reference-api-client.ts';
import type { EnrolmentRequest } from './reference-api-types.ts';
import {
  base64,
  enrolmentBody,
  type ReferenceTarget,
  startReferenceTarget,
} from './reference-target.test-helper.ts';

let target: ReferenceTarget;
const people = adults();
const seed = TEST_SEED;
const day = AS_OF;
// The external systems are reached over HTTP, through the clients a deployment uses, mocked by msw.
const mock = healthyExternalServices();
const msw = setupServer(...mock.handlers);

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'error' });
  const externalServices = httpExternalServices({
    ...MOCK_URLS,
    retry: { timeoutMs: 150, retries: 1, backoffMs: 5 },
  });
  target = await startReferenceTarget({ rateLimitPerMinute: 0, system: { externalServices } });
}, 120_000);
afterAll(async () => {
  await target?.close();
  msw.close();
});

/** Rows in every registry and vault table: "nothing written" means this does not change. */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await target.t.test.db.query<{ s: string; t: string }>(
    `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
      WHERE table_schema IN ('registry', 'vault') ORDER BY 1, 2`,
  );
  const out: Record<string, number> = {};
  for (const { s, t } of tables) {
    const [r] = await target.t.test.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${s}.${t}`);
    out[`${s}.${t}`] = Number(r.n);
  }
  return out;
}

function expectError(r: ApiResponse<unknown>, status: number, code: string): void {
  expect({ status: r.status, code: isApiError(r.body) ? r.body.code : r.raw }).toEqual({ status, code });
  if (isApiError(r.body)) expect(r.body.requestId).toBe(r.headers['x-request-id']);
}

/** A request body of the right shape for each operation, so that an allowed role gets past auth. */
function sampleBody(op: OperationId): unknown {
  const p = enrolmentBody(people[5], { seed, applicationDate: day });
  const fingerprints = p.fingerprints.slice(0, 1);
  const bodies: Partial<Record<OperationId, unknown>> = {
    enrol: p,
    verify: { iin: people[5].iin, fingerprints },
    identify: { purpose: 'role matrix check', caseReference: 'CASE-RM-1', fingerprints },
    resolveSubject: {
      subjectId: '3f0c6a2e-8a51-4c1e-9d7a-1b2c3d4e5f60',
      purpose: 'role matrix',
      caseReference: 'CASE-RM-1',
    },
    lookupResident: { iin: people[5].iin },
    getDocumentStatus: { documentNumber: '012345678' },
    reportDocument: { documentNumber: '012345678', event: 'lost', date: day },
  };
  return bodies[op];
}

describe('role × endpoint matrix', () => {
  const ops = Object.keys(ROLE_MATRIX) as OperationId[];
  for (const op of ops) {
    it(`${op}: ${ROLE_MATRIX[op] === 'public' ? 'public' : `only ${(ROLE_MATRIX[op] as Role[]).join(', ')}`}`, async () => {
      for (const role of ROLES) {
        const r = await target
          .client(role)
          .call(op, sampleBody(op), { idempotencyKey: `rm-${op}-${role}`.padEnd(16, '0') });
        if (mayCall(role, op)) expect([401, 403], `${role} → ${op}: ${r.raw}`).not.toContain(r.status);
        else expectError(r, 403, 'forbidden');
      }
      if (ROLE_MATRIX[op] !== 'public') {
        expectError(await target.client().call(op, sampleBody(op)), 401, 'token-missing');
      }
    });
  }
});

describe('authentication', () => {
  it('401 for missing, expired, forged and foreign tokens, with the reason as the code', async () => {
    const expired = await target.issuer.mint({
      role: 'auditor',
      issuedAt: new Date(Date.now() - 86_400_000),
      ttlSeconds: 60,
    });
    expectError(await target.client().as(expired).exportAudit(), 401, 'token-expired');
    const [h, p, s] = target.tokens['border-officer'].split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, role: 'auditor' })).toString('base64url')}.${s}`;
    expectError(await target.client().as(forged).exportAudit(), 401, 'token-invalid');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...payload, role: 'auditor' })).toString('base64url')}.`;
    expectError(await target.client().as(none).exportAudit(), 401, 'token-invalid');
    expectError(await target.client().as('not-a-jwt').exportAudit(), 401, 'token-invalid');
  });
});

describe('bad input: 4xx with a machine-readable code, nothing written', () => {
  const psc = () => target.client('psc-operator');
  const good = () => enrolmentBody(people[6], { seed, applicationDate: day });
  const key = (k: string) => ({ idempotencyKey: `bad-input-${k}`.padEnd(16, '0') });
  let before: Record<string, number>;
  beforeAll(async () => {
    before = await rowCounts();
  });

  it('wrong IIN check digit', async () => {
    const b = good();
    const last = Number(b.applicant.iin[11]);
    b.applicant.iin = `${b.applicant.iin.slice(0, 11)}${(last + 1) % 10}`;
    expectError(await psc().enrol(b, key('iin')), 400, 'invalid-iin');
    expectError(await psc().lookupResident(b.applicant.iin), 400, 'invalid-iin');
  });

  it('unknown fields, at the top and nested', async () => {
    expectError(await psc().call('enrol', { ...good(), admin: true }, key('u1')), 400, 'unknown-field');
    const nested = good() as EnrolmentRequest & { applicant: Record<string, unknown> };
    nested.applicant.birthDate = '1990-01-01';
    const r = await psc().call('enrol', nested, key('u2'));
    expectError(r, 400, 'unknown-field');
    expect(isApiError(r.body) && r.body.message).toContain('birthDate');
  });

  it('an oversized body is 413 before it is parsed', async () => {
    const huge = { ...good(), padding: 'x'.repeat(BODY_LIMIT_BYTES) };
    expectError(await psc().call('enrol', huge, key('big')), 413, 'payload-too-large');
  });

  it('malformed PNG, wrong bit depth or resolution, malformed template, not base64', async () => {
    const withPrint = (format: 'png' | 'iso19794-2', data: string) => {
      const b = good();
      b.fingerprints = [{ position: 1, format, data }, ...b.fingerprints.slice(1)];
      return b;
    };
    const png = encodeGrayPng(createGrayImage(64, 64));
    expectError(
      await psc().enrol(withPrint('png', base64(png.subarray(0, 60))), key('p1')),
      400,
      'malformed-png',
    );
    expectError(
      await psc().enrol(withPrint('png', base64(new Uint8Array(40).fill(7))), key('p2')),
      400,
      'malformed-png',
    );
    const rgb = new PNG({ width: 8, height: 8 });
    expectError(
      await psc().enrol(withPrint('png', base64(PNG.sync.write(rgb))), key('p3')),
      400,
      'unsupported-image',
    );
    const lowRes = encodeGrayPng(createGrayImage(64, 64, 250));
    expectError(await psc().enrol(withPrint('png', base64(lowRes)), key('p4')), 400, 'unsupported-image');
    expectError(
      await psc().enrol(withPrint('iso19794-2', base64(Buffer.from('FMR\0 20\0garbage'))), key('t1')),
      400,
      'malformed-template',
    );
    expectError(await psc().enrol(withPrint('iso19794-2', 'AAAA*###'), key('t2')), 400, 'invalid-request');
    const twice = good();
    twice.fingerprints[1] = { ...twice.fingerprints[1], position: twice.fingerprints[0].position };
    expectError(await psc().enrol(twice, key('dup')), 400, 'duplicate-finger');
  });

  it('SQL in a name is refused by the contract; a real apostrophe is stored as given', async () => {
    const b = good();
    b.applicant.surname = "Robert'); DROP TABLE registry.residents;--";
    expectError(await psc().enrol(b, key('sql')), 400, 'invalid-request');
  });

  it('malformed JSON, wrong media type, missing or bad Idempotency-Key', async () => {
    expectError(
      await psc().call('enrol', undefined, key('j1'), '', {
        text: '{"applicant": ',
        contentType: 'application/json',
      }),
      400,
      'malformed-json',
    );
    expectError(
      await psc().call('enrol', undefined, key('j2'), '', { text: 'iin=1', contentType: 'text/plain' }),
      415,
      'unsupported-media-type',
    );
    expectError(await psc().call('enrol', good()), 400, 'missing-idempotency-key');
    expectError(await psc().call('enrol', good(), { idempotencyKey: 'short' }), 400, 'invalid-request');
    expectError(await target.client('auditor').exportAudit({ limit: 5000 }), 400, 'invalid-request');
  });

  it('left every registry and vault table as it was', async () => {
    expect(await rowCounts()).toEqual(before);
  });
});

describe('idempotency over HTTP', () => {
  it('same key ⇒ the first result; same key, different body ⇒ 409; one enrolment written', async () => {
    const psc = target.client('psc-operator');
    const body = enrolmentBody(people[7], { seed, applicationDate: day });
    const first = await psc.enrol(body, { idempotencyKey: 'idem-people-7-0001' });
    expect(first.status).toBe(201);
    const after = await rowCounts();
    const again = await psc.enrol(body, { idempotencyKey: 'idem-people-7-0001' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const changed = { ...body, handInjury: true };
    expectError(
      await psc.enrol(changed, { idempotencyKey: 'idem-people-7-0001' }),
      409,
      'idempotency-conflict',
    );
    expect(await rowCounts()).toEqual(after);
  });

  it('keys are per operator: another operator with the same key does not get the first result', async () => {
    const other = await target.issuer.mint({
      role: 'psc-operator',
      subject: 'psc-operator-99',
      office: 'PSC-AST-02',
    });
    const body = enrolmentBody(people[7], { seed, applicationDate: day });
    const r = await target.client().as(other).enrol(body, { idempotencyKey: 'idem-people-7-0001' });
    expect(r.status).toBe(201);
    expect((r.body as { status: string }).status).not.toBe('enrolled');
  });
});

describe('external services over HTTP: outages fail cleanly, SMS failure degrades', () => {
  const psc = () => target.client('psc-operator');
  const POP = `${MOCK_URLS.populationRegisterUrl}/v1/iin-confirmations`;
  const DOCS = `${MOCK_URLS.documentIssuerUrl}/v1/documents`;
  afterEach(() => msw.resetHandlers());

  it('population register down, slow, or not knowing the IIN: 503 / 422 with a code, nothing written', async () => {
    const before = await rowCounts();
    const body = enrolmentBody(people[14], { seed, applicationDate: day });
    msw.use(http.post(POP, () => new HttpResponse(null, { status: 503 })));
    const down = await psc().enrol(body, { idempotencyKey: 'outage-pop-down-01' });
    expectError(down, 503, 'external-service-unavailable');
    expect(isApiError(down.body) && down.body.message).toContain('population register');
    msw.resetHandlers();
    msw.use(
      http.post(POP, async () => {
        await delay(1000);
        return HttpResponse.json({ confirmed: true });
      }),
    );
    expectError(
      await psc().enrol(body, { idempotencyKey: 'outage-pop-slow-01' }),
      503,
      'external-service-unavailable',
    );
    msw.resetHandlers();
    mock.ledger.unknownIins.add(people[14].iin);
    expectError(await psc().enrol(body, { idempotencyKey: 'outage-pop-unknown' }), 422, 'iin-not-confirmed');
    mock.ledger.unknownIins.clear();
    expect(await rowCounts()).toEqual(before);
  });

  it('document issuer answering garbage: 503, no template without its registry link; a retry completes once', async () => {
    const before = await rowCounts();
    const body = enrolmentBody(people[15], { seed, applicationDate: day });
    msw.use(http.post(DOCS, () => HttpResponse.text('<html>proxy error</html>')));
    expectError(
      await psc().enrol(body, { idempotencyKey: 'outage-docs-garbage' }),
      503,
      'external-service-unavailable',
    );
    const after = await rowCounts();
    expect(after['vault.templates']).toBe(before['vault.templates']);
    expect(after['registry.subject_links']).toBe(before['registry.subject_links']);
    expect(after['registry.documents']).toBe(before['registry.documents']);
    msw.resetHandlers();
    const retry = await psc().enrol(body, { idempotencyKey: 'outage-docs-garbage' });
    expect(retry.status, retry.raw).toBe(201);
    expect((retry.body as { status: string }).status).toBe('enrolled');
    expect((await rowCounts())['registry.subject_links']).toBe(before['registry.subject_links'] + 1);
  });

  it('SMS gateway down: the enrolment still succeeds; the message waits in the outbox', async () => {
    msw.use(
      http.post(`${MOCK_URLS.smsGatewayUrl}/v1/notifications`, () => new HttpResponse(null, { status: 500 })),
    );
    const r = await psc().enrol(enrolmentBody(people[16], { seed, applicationDate: day }), {
      idempotencyKey: 'outage-sms-down-001',
    });
    expect(r.status).toBe(201);
    expect((r.body as { status: string }).status).toBe('enrolled');
    const metrics = (await target.client('certifier').getMetrics()).raw;
    expect(metrics).toMatch(/dactylo_notifications_deferred_total [1-9]/);
  });
});

describe('canaries: no personal data in logs, metrics, error bodies or headers', () => {
  it('enrols canary residents and finds none of their IINs, names or birth dates anywhere but where asked', async () => {
    const canaries = people.slice(10, 13);
    const psc = target.client('psc-operator');
    const border = target.client('border-officer');
    const auditor = target.client('auditor');
    for (const [i, r] of canaries.entries()) {
      const body = enrolmentBody(r, { seed, applicationDate: day });
      expect((await psc.enrol(body, { idempotencyKey: `canary-${i}-000000000` })).status).toBe(201);
      await psc.enrol({ ...body, handInjury: true }, { idempotencyKey: `canary-${i}-000000000` }); // 409
      await psc.call('enrol', { ...body, extra: r.surname }, { idempotencyKey: `canary-x${i}-00000000` }); // 400
      const wrong = `${r.iin.slice(0, 11)}${(Number(r.iin[11]) + 1) % 10}`;
      await psc.lookupResident(wrong); // 400
      await border.getDocumentStatus('012345678'); // 404
      await auditor.verify({ iin: r.iin, fingerprints: body.fingerprints.slice(0, 1) }); // 403
    }
    const metrics = (await target.client('certifier').getMetrics()).raw;
    const exchanges = [psc, border, auditor].flatMap((c) => c.exchanges);
    const places: Record<string, string> = {
      logs: target.logLines.join('\n'),
      metrics,
      headers: JSON.stringify(exchanges.map((e) => e.response.headers)),
      errors: exchanges
        .filter((e) => e.response.status >= 400)
        .map((e) => e.response.body)
        .join('\n'),
    };
    const vault = await target.t.test.db.query('SELECT * FROM vault.templates');
    places.vault = JSON.stringify(vault, (_k, v) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
    );
    expect(places.logs.length).toBeGreaterThan(0);
    expect(places.errors.length).toBeGreaterThan(0);
    const secrets = canaries.flatMap((r) => [
      r.iin,
      r.surname,
      r.givenName,
      r.birthDate,
      r.birthDate.replaceAll('-', ''),
    ]);
    expect(findLeaks(secrets, places)).toEqual([]);
  });
});

describe('contract paths', () => {
  it('every operation in the matrix exists in the contract', () => {
    for (const op of Object.keys(ROLE_MATRIX)) expect(contractOperation(op).path).toMatch(/^\/v1\//);
  });
});
