import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES_MIGRATION } from '../storage/domain-roles.ts';
import { migrate } from '../storage/migrations.ts';
import { createTestDatabase, type TestDatabase } from '../storage/test-database.ts';
import {
  type AuditRecord,
  type ChainedAuditRecord,
  checkChain,
  entryHash,
  GENESIS_HASH,
} from './audit-chain.ts';
import { appendAudit, readAudit, verifyAudit } from './audit-log.ts';
import { AUDIT_MIGRATIONS } from './audit-schema.ts';

const record = (i: number): AuditRecord => ({
  at: new Date(Date.UTC(2025, 5, 1, 9, i)).toISOString(),
  actorId: `op-${i}`,
  role: 'identification-officer',
  action: 'resolve-subject',
  purpose: `missing person search ${i}`,
  caseReference: `CASE-${i}`,
  subjects: ['7d9c2f0a-1b2c-4d3e-8f4a-5b6c7d8e9f00'],
});

describe('hash chain', () => {
  const chain: ChainedAuditRecord[] = [];
  let prev = GENESIS_HASH;
  it('detects a changed, a deleted and a reordered entry', () => {
    for (let seq = 1; seq <= 4; seq++) {
      const r = record(seq);
      const hash = entryHash(prev, seq, r);
      chain.push({ ...r, seq, prevHash: prev, hash });
      prev = hash;
    }
    expect(checkChain(chain)).toEqual({ ok: true, entries: 4 });
    expect(
      checkChain([chain[0], { ...chain[1], purpose: 'something else' }, ...chain.slice(2)]),
    ).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: expect.stringMatching(/content/),
    });
    expect(checkChain([chain[0], chain[2], chain[3]])).toMatchObject({ ok: false, brokenAt: 3 });
    expect(checkChain([chain[1], chain[0], chain[2], chain[3]])).toMatchObject({ ok: false, brokenAt: 2 });
  });
});

describe(`audit log on ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite'}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await migrate(t.db, [ROLES_MIGRATION, ...AUDIT_MIGRATIONS]);
    for (let i = 1; i <= 6; i++) await appendAudit(t.db, record(i));
  }, 60_000);
  afterAll(() => t.drop());

  it('chains entries in order and verifies', async () => {
    const entries = await readAudit(t.db);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(entries[0].prevHash).toBe(GENESIS_HASH);
    expect(entries[3].prevHash).toBe(entries[2].hash);
    expect(await verifyAudit(t.db)).toEqual({ ok: true, entries: 6 });
  });

  it('detects a superuser who bypasses the trigger to delete and then change entries', async () => {
    await t.db.exec('ALTER TABLE audit.entries DISABLE TRIGGER entries_append_only');
    await t.db.query('DELETE FROM audit.entries WHERE seq = 5');
    expect(await verifyAudit(t.db)).toMatchObject({
      ok: false,
      brokenAt: 6,
      reason: expect.stringMatching(/missing/),
    });
    await t.db.query("UPDATE audit.entries SET purpose = 'routine check' WHERE seq = 2");
    expect(await verifyAudit(t.db)).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: expect.stringMatching(/content/),
    });
    await t.db.exec('ALTER TABLE audit.entries ENABLE TRIGGER entries_append_only');
  });
});
