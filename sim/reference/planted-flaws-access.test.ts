import { afterAll, describe, expect, it } from 'vitest';
import { a, flawedSystems, key, linkOf, request } from './planted-flaws.test-helper.ts';
import { AUDITOR, POLICE, PSC, TEST_SEED, type TestSystem } from './reference-test-system.test-helper.ts';
import { syntheticPrints } from './synthetic-applicants.ts';

/** Flaws in access control and the audit log. */
const { system, dropAll } = flawedSystems();
afterAll(dropAll, 300_000);

describe('flaws in access control and audit', () => {
  const search = {
    purpose: 'unconscious patient, city hospital',
    caseReference: 'HOSP-2025-118',
    fingerprints: syntheticPrints(TEST_SEED, a.index, 4, [2, 3, 7, 8]),
  };

  it('identification-role-check-missing: a PSC operator may search 1:N', async () => {
    const t = await system('identification-role-check-missing');
    await t.system.enrol(request(a), PSC, { idempotencyKey: key() });
    const found = await t.system.identify(search, PSC);
    expect(found.candidates[0]?.subjectId).toBe(await linkOf(t, a.iin));
    // Only identification lost its check: resolution still refuses the PSC operator.
    await expect(t.system.resolveSubject(found.candidates[0].subjectId, search, PSC)).rejects.toMatchObject({
      code: 'forbidden',
    });

    const clean = await system('clean');
    await clean.system.enrol(request(a), PSC, { idempotencyKey: key() });
    await expect(clean.system.identify(search, PSC)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await clean.system.identify(search, POLICE)).candidates.length).toBeGreaterThan(0);
  }, 600_000);

  async function editOneEntry(t: TestSystem): Promise<void> {
    await t.test.db.exec('ALTER TABLE audit.entries DISABLE TRIGGER entries_append_only');
    await t.test.db.query("UPDATE audit.entries SET purpose = 'routine check' WHERE seq = 1");
    await t.test.db.exec('ALTER TABLE audit.entries ENABLE TRIGGER entries_append_only');
  }

  it('audit-chain-breakable: an edited audit entry goes unnoticed', async () => {
    const t = await system('audit-chain-breakable');
    await t.system.enrol(request(a), PSC, { idempotencyKey: key() });
    await t.system.identify(search, POLICE);
    const entries = await t.system.auditExport({}, AUDITOR);
    expect(entries.every((e) => /^0{64}$/.test(e.hash) && /^0{64}$/.test(e.prevHash))).toBe(true);
    await editOneEntry(t);
    expect(await t.system.verifyAuditChain(AUDITOR)).toMatchObject({ ok: true });

    const clean = await system('clean');
    expect(await clean.system.verifyAuditChain(AUDITOR)).toMatchObject({ ok: true });
    await editOneEntry(clean);
    expect(await clean.system.verifyAuditChain(AUDITOR)).toMatchObject({ ok: false, brokenAt: 1 });
  }, 600_000);
});
