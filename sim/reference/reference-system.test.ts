import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.ts';
import {
  AS_OF,
  AUDITOR,
  adults,
  BORDER,
  CONSULATE,
  count,
  POLICE,
  PSC,
  startTestSystem,
  TEST_SEED,
  type TestSystem,
} from './reference-test-system.test-helper.ts';
import { syntheticEnrolRequest, syntheticPrints } from './synthetic-applicants.ts';
import type { EnrolOutcome } from './types.ts';

const where = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite';

describe(`reference system on ${where}`, () => {
  let t: TestSystem;
  const [a, b, c, ...others] = adults();
  let first: EnrolOutcome;
  const request = (r = a, o: Partial<Parameters<typeof syntheticEnrolRequest>[1]> = {}) =>
    syntheticEnrolRequest(r, { seed: TEST_SEED, applicationDate: AS_OF, ...o });

  beforeAll(async () => {
    t = await startTestSystem();
    for (const [i, r] of others.slice(0, 8).entries())
      await t.system.enrol(request(r), PSC, { idempotencyKey: `seed-enrol-${i}` });
    first = await t.system.enrol(request(a), PSC, { idempotencyKey: 'enrol-a-0001' });
  }, 300_000);
  afterAll(() => t.drop());

  it('enrols a new adult: ten sealed templates, one link, a valid document', async () => {
    expect(first).toMatchObject({
      status: 'enrolled',
      decidedBy: 'POL-ENR-01',
      fingersCaptured: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    });
    expect(first.rules).toContain('POL-DUP-01');
    expect(first.document?.status).toBe('valid');
    expect(await count(t, 'registry.subject_links', `iin = '${a.iin}'`)).toBe(1);
    expect(await count(t, 'vault.templates')).toBe(9 * 10);
    const person = await t.system.lookupResident(a.iin, PSC);
    expect(person.documents.map((d) => d.number)).toEqual([first.document?.number]);
    expect(person).not.toHaveProperty('subjectId');
  });

  it('replays the same key and request with the first outcome, and refuses the key for another request', async () => {
    const again = await t.system.enrol(request(a), PSC, { idempotencyKey: 'enrol-a-0001' });
    expect(again).toEqual(first);
    expect(await count(t, 'registry.applications', `iin = '${a.iin}'`)).toBe(1);
    const other = request(a, { applicationDate: '2025-06-02' });
    await expect(t.system.enrol(other, PSC, { idempotencyKey: 'enrol-a-0001' })).rejects.toMatchObject({
      code: 'idempotency-conflict',
    });
  });

  it('verifies an enrolled person 1:1 instead of re-enrolling them (POL-VER-01)', async () => {
    const renewal = await t.system.enrol(request(a, { impression: 1, trigger: 'expiry' }), PSC, {
      idempotencyKey: 'enrol-a-renewal',
    });
    expect(renewal.status).toBe('verified-existing');
    expect(renewal.decidedBy).toBe('POL-VER-01');
    expect(await count(t, 'registry.subject_links', `iin = '${a.iin}'`)).toBe(1);
    const person = await t.system.lookupResident(a.iin, PSC);
    expect(person.documents.map((d) => d.status)).toEqual(['replaced', 'valid']);
  });

  it('blocks a double registration under another IIN, raises a case, and does not say who matched', async () => {
    const fake = request(b, { fingersOf: a.index, impression: 2 });
    const out = await t.system.enrol(fake, PSC, { idempotencyKey: 'enrol-b-fake' });
    expect(out.status).toBe('blocked-duplicate');
    expect(out.document).toBeUndefined();
    expect(out.caseId).toBeDefined();
    const text = JSON.stringify(out);
    const [link] = await t.test.db.query<{ subject_id: string }>(
      'SELECT subject_id FROM registry.subject_links WHERE iin = $1',
      [a.iin],
    );
    for (const secret of [a.iin, a.surname, link.subject_id]) expect(text).not.toContain(secret);
    expect(
      await count(
        t,
        'registry.cases',
        `applicant_iin = '${b.iin}' AND matched_subject_id = '${link.subject_id}'`,
      ),
    ).toBe(1);
    expect(await count(t, 'registry.subject_links', `iin = '${b.iin}'`)).toBe(0);
  });

  it('re-issues a lost passport at a consulate after a 1:1 verification (POL-REC-01)', async () => {
    const enrolled = await t.system.enrol(request(c), PSC, { idempotencyKey: 'enrol-c-first' });
    const number = enrolled.document!.number;
    const lost = await t.system.reportDocument(number, { kind: 'lost', date: AS_OF }, CONSULATE, {
      idempotencyKey: 'report-c-lost',
    });
    expect(lost.status).toBe('lost');
    const wrong = await t.system.enrol(
      request(c, {
        trigger: 'loss',
        fingersOf: others[30].index,
        channel: { kind: 'consulate', office: 'CONS-BER' },
      }),
      CONSULATE,
      { idempotencyKey: 'recover-c-wrong' },
    );
    expect(wrong.status).toBe('verification-failed');
    expect(wrong.document).toBeUndefined();
    const recovered = await t.system.enrol(
      request(c, { trigger: 'loss', impression: 1, channel: { kind: 'consulate', office: 'CONS-BER' } }),
      CONSULATE,
      { idempotencyKey: 'recover-c-right' },
    );
    expect(recovered.status).toBe('verified-existing');
    expect(recovered.rules).toContain('POL-REC-01');
    const docs = (await t.system.lookupResident(c.iin, CONSULATE)).documents;
    expect(docs.map((d) => [d.number === number, d.status])).toEqual([
      [true, 'lost'],
      [false, 'valid'],
    ]);
  });

  it('verifies 1:1 by IIN or document number and answers only match or no match', async () => {
    const probe = syntheticPrints(TEST_SEED, a.index, 3, [1, 2, 6, 7]);
    expect(await t.system.verify({ iin: a.iin, fingerprints: probe }, BORDER)).toEqual({ match: true });
    const doc = (await t.system.lookupResident(a.iin, PSC)).documents.find((d) => d.status === 'valid')!;
    expect(await t.system.verify({ documentNumber: doc.number, fingerprints: probe }, BORDER)).toEqual({
      match: true,
    });
    const impostor = syntheticPrints(TEST_SEED, others[0].index, 1, [1, 2, 6, 7]);
    expect(await t.system.verify({ iin: a.iin, fingerprints: impostor }, BORDER)).toEqual({ match: false });
  });

  it('identifies an undocumented person 1:N; resolving the candidate is audited', async () => {
    const probe = syntheticPrints(TEST_SEED, others[5].index, 4, [2, 3, 7, 8]);
    const found = await t.system.identify(
      { fingerprints: probe, purpose: 'unconscious patient, city hospital', caseReference: 'HOSP-2025-118' },
      POLICE,
    );
    expect(found.candidates[0].rank).toBe(1);
    expect(JSON.stringify(found)).not.toMatch(/score/);
    const person = await t.system.resolveSubject(
      found.candidates[0].subjectId,
      { purpose: 'unconscious patient, city hospital', caseReference: 'HOSP-2025-118' },
      POLICE,
    );
    expect(person.iin).toBe(others[5].iin);
    expect(person.subjectId).toBe(found.candidates[0].subjectId);
    const log = await t.system.auditExport({}, AUDITOR);
    const resolution = log.find((e) => e.action === 'resolve-subject');
    expect(resolution).toMatchObject({
      actorId: POLICE.id,
      role: 'identification-officer',
      purpose: 'unconscious patient, city hospital',
      caseReference: 'HOSP-2025-118',
      subjects: [found.candidates[0].subjectId],
    });
    expect(JSON.stringify(log)).not.toContain(others[5].iin);
    expect(await t.system.verifyAuditChain(AUDITOR)).toMatchObject({ ok: true });
  });

  it('audits a resolution attempt on an unknown subject, and refuses roles that may not resolve', async () => {
    const before = (await t.system.auditExport({}, AUDITOR)).length;
    const ghost = '0b3c7a55-2f4e-4d7a-9c1e-5a6b7c8d9e0f';
    const ctx = { purpose: 'missing relative search', caseReference: 'MISS-77' };
    await expect(t.system.resolveSubject(ghost, ctx, POLICE)).rejects.toMatchObject({
      code: 'unknown-subject',
    });
    const after = await t.system.auditExport({}, AUDITOR);
    expect(
      after.some((e) => e.seq > before && e.action === 'resolve-subject' && e.subjects[0] === ghost),
    ).toBe(true);
    await expect(t.system.resolveSubject(ghost, ctx, BORDER)).rejects.toBeInstanceOf(DomainError);
    await expect(t.system.resolveSubject(ghost, ctx, BORDER)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('survives a restart: the gallery reloads from the vault and finds the same people', async () => {
    const system = await t.restart();
    const probe = syntheticPrints(TEST_SEED, a.index, 5, [1, 6]);
    expect(await system.verify({ iin: a.iin, fingerprints: probe }, PSC)).toEqual({ match: true });
    expect(system.metrics().gallery_subjects).toBe(10);
  });
});
