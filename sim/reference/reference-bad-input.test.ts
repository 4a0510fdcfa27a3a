import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.ts';
import {
  AS_OF,
  adults,
  BORDER,
  count,
  POLICE,
  PSC,
  startTestSystem,
  TEST_SEED,
  type TestSystem,
} from './reference-test-system.test-helper.ts';
import { syntheticEnrolRequest, syntheticPrints } from './synthetic-applicants.ts';
import type { EnrolRequest } from './types.ts';

const TABLES = [
  'registry.residents',
  'registry.applications',
  'registry.documents',
  'registry.idempotency',
  'registry.subject_links',
  'vault.templates',
];

describe('bad input is refused with a typed code and writes nothing', () => {
  let t: TestSystem;
  const person = adults()[7];
  const good = () => syntheticEnrolRequest(person, { seed: TEST_SEED, applicationDate: AS_OF });
  let k = 0;

  beforeAll(async () => {
    t = await startTestSystem();
  }, 60_000);
  afterAll(() => t.drop());

  async function refused(request: EnrolRequest, code: string, actor = PSC): Promise<DomainError> {
    const before = await Promise.all(TABLES.map((table) => count(t, table)));
    const error = await t.system.enrol(request, actor, { idempotencyKey: `bad-input-${++k}` }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    expect(await Promise.all(TABLES.map((table) => count(t, table)))).toEqual(before);
    for (const secret of [request.applicant?.iin, request.applicant?.surname, request.applicant?.birthDate])
      if (typeof secret === 'string' && secret.length > 0)
        expect((error as Error).message).not.toContain(secret);
    return error as DomainError;
  }

  it('a wrong IIN check digit', async () => {
    const r = good();
    r.applicant.iin = `${r.applicant.iin.slice(0, 11)}${(Number(r.applicant.iin[11]) + 1) % 10}`;
    expect((await refused(r, 'invalid-iin')).message).toMatch(/check-digit/);
  });

  it('an IIN that disagrees with the birth date', async () => {
    const r = good();
    r.applicant.birthDate = '1999-01-01';
    await refused(r, 'invalid-iin');
  });

  it('SQL in a name', async () => {
    const r = good();
    r.applicant.surname = "Robert'); DROP TABLE registry.residents;--";
    await refused(r, 'invalid-request');
    expect(await count(t, 'registry.residents')).toBe(0);
  });

  it('a malformed PNG, bytes that are no PNG, and a malformed ISO template', async () => {
    const png = good();
    png.fingerprints[3] = {
      position: 4,
      format: 'png',
      data: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
    };
    expect((await refused(png, 'malformed-fingerprint')).message).toMatch(/finger 4/);
    const notPng = good();
    notPng.fingerprints[0] = {
      position: 1,
      format: 'png',
      data: new TextEncoder().encode('GIF89a not a png'),
    };
    await refused(notPng, 'malformed-fingerprint');
    const iso = good();
    iso.fingerprints[9] = { position: 10, format: 'iso19794-2', data: iso.fingerprints[9].data.slice(0, 30) };
    await refused(iso, 'malformed-fingerprint');
    const empty = good();
    empty.fingerprints[2] = { position: 3, format: 'iso19794-2', data: new Uint8Array() };
    await refused(empty, 'malformed-fingerprint');
  });

  it('a finger position out of range or given twice, an unknown document kind, a date that does not exist', async () => {
    const position = good();
    position.fingerprints[0] = { ...position.fingerprints[0], position: 11 as 1 };
    await refused(position, 'invalid-request');
    const twice = good();
    twice.fingerprints[1] = { ...twice.fingerprints[0] };
    await refused(twice, 'invalid-request');
    await refused({ ...good(), document: 'driving-licence' as 'passport' }, 'invalid-request');
    await refused({ ...good(), applicationDate: '2025-02-30' }, 'invalid-request');
  });

  it('an IIN the population register does not confirm, and the register being down', async () => {
    t.services.unknownIins.add(person.iin);
    await refused(good(), 'iin-not-confirmed');
    t.services.unknownIins.clear();
    const confirm = t.services.populationRegister.confirmIin;
    t.services.populationRegister.confirmIin = async () => {
      throw new Error('ECONNREFUSED');
    };
    await refused(good(), 'external-service-unavailable');
    t.services.populationRegister.confirmIin = confirm;
  });

  it('a role that may not enrol', async () => {
    await refused(good(), 'forbidden', BORDER);
  });

  it('a missing idempotency key, and a search purpose that carries an IIN', async () => {
    await expect(t.system.enrol(good(), PSC, { idempotencyKey: '' })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(
      t.system.identify(
        {
          fingerprints: syntheticPrints(TEST_SEED, 1, 1, [1]),
          purpose: `looking for ${person.iin}`,
          caseReference: 'C-1',
        },
        POLICE,
      ),
    ).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('an issuer failing after the vault write leaves nothing half-written; a replay with the key completes it', async () => {
    const r = syntheticEnrolRequest(adults()[8], { seed: TEST_SEED, applicationDate: AS_OF });
    const issue = t.services.documentIssuer.issue;
    t.services.documentIssuer.issue = async () => {
      throw new Error('502 from the issuer');
    };
    const vault = await count(t, 'vault.templates');
    await expect(t.system.enrol(r, PSC, { idempotencyKey: 'issuer-outage-1' })).rejects.toMatchObject({
      code: 'external-service-unavailable',
    });
    expect(await count(t, 'vault.templates')).toBe(vault);
    expect(await count(t, 'registry.vault_intents')).toBe(0);
    expect(await count(t, 'registry.subject_links', `iin = '${r.applicant.iin}'`)).toBe(0);
    t.services.documentIssuer.issue = issue;
    const out = await t.system.enrol(r, PSC, { idempotencyKey: 'issuer-outage-1' });
    expect(out.status).toBe('enrolled');
    expect(await count(t, 'vault.templates')).toBe(vault + 10);
    expect(await count(t, 'registry.applications', `iin = '${r.applicant.iin}'`)).toBe(1);
  });

  it('stores an apostrophe-and-dashes name as data, exactly', async () => {
    const r = good();
    r.applicant.surname = "O'Neil--Smith";
    const out = await t.system.enrol(r, PSC, { idempotencyKey: 'bad-input-apostrophe' });
    expect(out.status).toBe('enrolled');
    expect((await t.system.lookupResident(person.iin, PSC)).surname).toBe("O'Neil--Smith");
    const errors = t.system.metrics();
    expect(errors.errors_invalid_request_total).toBeGreaterThan(0);
    expect(errors.errors_malformed_fingerprint_total).toBe(4);
  });
});
