import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, adults, TEST_SEED } from '../../sim/reference/reference-test-system.test-helper.ts';
import { createReferenceServer } from '../../sim/services/reference-server.ts';
import { tokenVerifier } from '../../sim/services/token-verifier.ts';
import { referenceApiContract } from '../contract/reference-api.ts';
import { injectTransport } from './http-transport.ts';
import { type ApiResponse, ReferenceApiClient } from './reference-api-client.ts';
import type { EnrolmentResult, IdentificationResult, Person } from './reference-api-types.ts';
import { enrolmentBody, type ReferenceTarget, startReferenceTarget } from './reference-target.test-helper.ts';

/**
 * Every operation of the contract against the reference, through the typed client, which checks
 * each answer's status, content type and body against the contract (a violation throws).
 */
let target: ReferenceTarget;
const [alice, bob, carol] = adults();
const seed = TEST_SEED;
const day = AS_OF;
let aliceEnrolment: ApiResponse<EnrolmentResult>;

beforeAll(async () => {
  target = await startReferenceTarget();
  aliceEnrolment = await target
    .client('psc-operator')
    .enrol(enrolmentBody(alice, { seed, applicationDate: day }), { idempotencyKey: 'alice-enrolment-0001' });
}, 120_000);
afterAll(() => target?.close());

function ok<T>(r: ApiResponse<T>): T {
  if (r.status >= 300) throw new Error(`expected success, got ${r.status} ${r.raw}`);
  return r.body as T;
}

describe(`reference API over HTTP (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('health and contract info are public', async () => {
    expect(ok(await target.client().getHealth())).toEqual({ status: 'ok' });
    const info = ok(await target.client().getContractInfo());
    expect(info.contract).toBe('dactylo-reference-api');
    expect(info.contractVersion).toBe('1.0.0');
  });

  it('enrols at a PSC (201) and at a consulate', async () => {
    expect(aliceEnrolment.status).toBe(201);
    const a = ok(aliceEnrolment);
    expect(a.status).toBe('enrolled');
    expect(a.fingersCaptured).toHaveLength(10);
    expect(a.document?.status).toBe('valid');
    const b = ok(
      await target
        .client('consulate-officer')
        .enrol(enrolmentBody(bob, { seed, applicationDate: day }), { idempotencyKey: 'bob-enrolment-00001' }),
    );
    expect(b.status).toBe('enrolled');
  });

  it('looks a resident up by IIN in the body', async () => {
    const p = ok(await target.client('psc-operator').lookupResident(alice.iin));
    expect(p.iin).toBe(alice.iin);
    expect(p.surname).toBe(alice.surname);
    expect(p.documents.map((d) => d.number)).toContain(ok(aliceEnrolment).document?.number);
  });

  it('verifies 1:1 by IIN and by document number: a decision, no score', async () => {
    const fresh = enrolmentBody(alice, { seed, applicationDate: day, impression: 1 }).fingerprints.slice(
      0,
      2,
    );
    const border = target.client('border-officer');
    expect(ok(await border.verify({ iin: alice.iin, fingerprints: fresh }))).toEqual({ decision: 'match' });
    const number = String(ok(aliceEnrolment).document?.number);
    expect(ok(await border.verify({ documentNumber: number, fingerprints: fresh }))).toEqual({
      decision: 'match',
    });
    const impostor = enrolmentBody(carol, { seed, applicationDate: day }).fingerprints.slice(0, 2);
    expect(ok(await border.verify({ iin: alice.iin, fingerprints: impostor }))).toEqual({
      decision: 'no-match',
    });
  });

  let search: IdentificationResult;
  it('identifies 1:N: subject ids and ranks only', async () => {
    const probe = enrolmentBody(alice, { seed, applicationDate: day, impression: 2 }).fingerprints.slice(
      0,
      2,
    );
    search = ok(
      await target.client('identification-officer').identify({
        purpose: 'unidentified hospital patient',
        caseReference: 'CASE-2025-0042',
        fingerprints: probe,
      }),
    );
    expect(search.candidates[0]?.rank).toBe(1);
    expect(Object.keys(search.candidates[0] ?? {}).sort()).toEqual(['rank', 'subjectId']);
  });

  it('resolves a candidate to the person, with a purpose, and the resolution is audited', async () => {
    const subjectId = String(search.candidates[0]?.subjectId);
    const person: Person = ok(
      await target.client('identification-officer').resolveSubject({
        subjectId,
        searchId: search.searchId,
        purpose: 'unidentified hospital patient',
        caseReference: 'CASE-2025-0042',
      }),
    );
    expect(person.iin).toBe(alice.iin);
    const audit = ok(await target.client('auditor').exportAudit({ limit: 1000 }));
    const resolution = audit.entries.find((e) => e.subjects.includes(subjectId) && /resol/.test(e.action));
    expect(resolution?.purpose).toBe('unidentified hospital patient');
    expect(resolution?.role).toBe('identification-officer');
  });

  it('reports a document stolen and reads its status', async () => {
    const number = String(ok(aliceEnrolment).document?.number);
    const psc = target.client('psc-operator');
    const reported = ok(
      await psc.reportDocument(
        { documentNumber: number, event: 'stolen', date: day },
        { idempotencyKey: 'report-alice-0001' },
      ),
    );
    expect(reported.status).toBe('stolen');
    expect(ok(await target.client('border-officer').getDocumentStatus(number)).status).toBe('stolen');
  });

  it('exports the audit log a page at a time and verifies its chain', async () => {
    const auditor = target.client('auditor');
    const first = ok(await auditor.exportAudit({ limit: 2 }));
    expect(first.entries).toHaveLength(2);
    expect(first.next).toBe(first.entries[1].seq);
    const second = ok(await auditor.exportAudit({ after: first.next, limit: 2 }));
    expect(second.entries[0].seq).toBe(first.entries[1].seq + 1);
    expect(second.entries[0].prevHash).toBe(first.entries[1].hash);
    const check = ok(await auditor.verifyAuditChain());
    expect(check.ok).toBe(true);
    expect(check.entries).toBeGreaterThanOrEqual(3);
  });

  it('serves Prometheus metrics by operation and status', async () => {
    const r = await target.client('certifier').getMetrics();
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(r.raw).toMatch(/dactylo_http_requests_total\{operation="enrol",status="201"\} 2/);
    expect(r.raw).toMatch(/dactylo_http_request_duration_seconds_count\{operation="verify"\} 3/);
  });

  it('limits 1:1 and 1:N per operator (429 with Retry-After), not per service', async () => {
    const limited = await createReferenceServer({
      system: target.t.system,
      contract: referenceApiContract(),
      auth: tokenVerifier({
        issuer: target.issuer.issuer,
        audience: target.issuer.audience,
        keys: target.issuer.publicKeys,
      }),
      rateLimitPerMinute: 2,
    });
    try {
      const probe = {
        iin: alice.iin,
        fingerprints: enrolmentBody(alice, { seed, applicationDate: day, impression: 1 }).fingerprints.slice(
          0,
          1,
        ),
      };
      const border = new ReferenceApiClient({
        transport: injectTransport(limited),
        token: target.tokens['border-officer'],
      });
      expect((await border.verify(probe)).status).toBe(200);
      expect((await border.verify(probe)).status).toBe(200);
      const third = await border.verify(probe);
      expect(third.status).toBe(429);
      expect((third.body as { code: string }).code).toBe('rate-limited');
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      const other = await target.issuer.mint({ role: 'border-officer', subject: 'border-officer-8' });
      expect((await border.as(other).verify(probe)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('takes an enrolment as multipart/form-data too, through the same checks', async () => {
    const psc = target.client('psc-operator');
    const body = enrolmentBody(carol, { seed, applicationDate: day });
    const prints = body.fingerprints.map((f) => ({ ...f, bytes: Buffer.from(f.data, 'base64') }));
    const r = await psc.enrolMultipart(body, prints, { idempotencyKey: 'carol-multipart-0001' });
    expect(r.status, r.raw).toBe(201);
    expect(ok(r).status).toBe('enrolled');
    expect(ok(r).fingersCaptured).toHaveLength(prints.length);
    const code = (x: ApiResponse<unknown>) => [x.status, (x.body as { code?: string }).code];
    const bad = [{ position: 1, format: 'png' as const, bytes: Buffer.from('not a png at all') }];
    expect(code(await psc.enrolMultipart(body, bad, { idempotencyKey: 'carol-multipart-0002' }))).toEqual([
      400,
      'malformed-png',
    ]);
    const huge = [{ position: 1, format: 'iso19794-2' as const, bytes: Buffer.alloc(1024 * 1024 + 1) }];
    expect(code(await psc.enrolMultipart(body, huge, { idempotencyKey: 'carol-multipart-0003' }))).toEqual([
      413,
      'payload-too-large',
    ]);
    const extra = await psc.enrolMultipart({ ...body, surnameTypo: 'x' } as typeof body, prints, {
      idempotencyKey: 'carol-multipart-0004',
    });
    expect(code(extra)).toEqual([400, 'unknown-field']);
    const form = `--b\r\nContent-Disposition: form-data; name="application"\r\n\r\n{}\r\n--b--\r\n`;
    const onVerify = await target.client('border-officer').call('verify', undefined, undefined, '', {
      text: form,
      contentType: 'multipart/form-data; boundary=b',
    });
    expect(code(onVerify)).toEqual([415, 'unsupported-media-type']);
  });

  it('answers an unknown path with the error schema', async () => {
    const r = await target.app.inject({ method: 'GET', url: '/v1/nothing' });
    expect(r.statusCode).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ code: 'route-not-found' });
    expect(r.headers['x-request-id']).toBe(JSON.parse(r.body).requestId);
  });
});
