import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_MIGRATIONS } from '../audit/audit-schema.ts';
import { REGISTRY_MIGRATIONS } from '../registry/registry-schema.ts';
import { VAULT_MIGRATIONS } from '../vault/vault-schema.ts';
import { REGISTRY_ROLE, ROLES_MIGRATION, VAULT_ROLE } from './domain-roles.ts';
import { migrate } from './migrations.ts';
import { roleClient } from './role-client.ts';
import type { SqlClient } from './sql-client.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

describe(`domain roles on ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite'}`, () => {
  let t: TestDatabase;
  let vault: SqlClient;
  let registry: SqlClient;

  beforeAll(async () => {
    t = await createTestDatabase();
    await migrate(t.db, [ROLES_MIGRATION, ...REGISTRY_MIGRATIONS, ...AUDIT_MIGRATIONS, ...VAULT_MIGRATIONS]);
    vault = roleClient(t.db, VAULT_ROLE);
    registry = roleClient(t.db, REGISTRY_ROLE);
  }, 60_000);
  afterAll(() => t.drop());

  it('runs each client as its role', async () => {
    expect(await vault.query('SELECT current_user AS u')).toEqual([{ u: VAULT_ROLE }]);
    expect(await registry.query('SELECT current_user AS u')).toEqual([{ u: REGISTRY_ROLE }]);
    expect(await t.db.query('SELECT count(*)::int AS n FROM vault.templates')).toEqual([{ n: 0 }]);
  });

  it('the vault role cannot read the registry or the audit log', async () => {
    expect(await vault.query('SELECT count(*)::int AS n FROM vault.templates')).toEqual([{ n: 0 }]);
    for (const table of ['registry.residents', 'registry.subject_links', 'audit.entries'])
      await expect(vault.query(`SELECT * FROM ${table}`)).rejects.toThrow(/permission denied/);
  });

  it('the registry role cannot read or write vault templates', async () => {
    expect(await registry.query('SELECT count(*)::int AS n FROM registry.residents')).toEqual([{ n: 0 }]);
    await expect(registry.query('SELECT * FROM vault.templates')).rejects.toThrow(/permission denied/);
    await expect(registry.query('DELETE FROM vault.templates')).rejects.toThrow(/permission denied/);
  });

  it('the audit log takes INSERT only: no UPDATE or DELETE grant, and a trigger stops even the owner', async () => {
    await t.db.query(
      `INSERT INTO audit.entries (seq, at, actor_id, role, action, subjects, prev_hash, hash)
       VALUES (1, now(), 'op', 'auditor', 'test', '{}', 'x', 'y')`,
    );
    await expect(registry.query("UPDATE audit.entries SET action = 'x'")).rejects.toThrow(
      /permission denied/,
    );
    await expect(registry.query('DELETE FROM audit.entries')).rejects.toThrow(/permission denied/);
    await expect(t.db.query("UPDATE audit.entries SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit.entries')).rejects.toThrow(/append-only/);
    await expect(t.db.exec('TRUNCATE audit.entries')).rejects.toThrow(/append-only/);
  });
});
