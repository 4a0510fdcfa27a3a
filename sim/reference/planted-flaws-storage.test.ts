import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeIsoTemplate } from '../matcher/iso19794-2.ts';
import {
  a,
  b,
  c,
  flawedSystems,
  idKey,
  iinHashKey,
  key,
  linkOf,
  request,
  vaultColumns,
  vaultText,
} from './planted-flaws.test-helper.ts';
import { PLANTED_FLAWS } from './planted-flaws.ts';
import { AS_OF, count, PSC, TEST_SEED, type TestSystem } from './reference-test-system.test-helper.ts';
import { syntheticPrints } from './synthetic-applicants.ts';

/** Flaws a copy of the fingerprint database shows (see planted-flaws.test-helper.ts). */
const { system, dropAll } = flawedSystems();
afterAll(dropAll, 300_000);

describe('the clean reference plants nothing', () => {
  let clean: TestSystem;
  beforeAll(async () => {
    clean = await system('clean');
    clean.clock.now = new Date(`${AS_OF}T09:17:23.456Z`);
    await clean.system.enrol(request(a), PSC, { idempotencyKey: key() });
    await clean.system.enrol(request(b), PSC, { idempotencyKey: key() });
  }, 600_000);

  it('has every flaw of the catalogue to plant', () => {
    expect(PLANTED_FLAWS).toHaveLength(15);
  });

  it('keeps no name, birth date or instant in the vault, and seals every template', async () => {
    const columns = await vaultColumns(clean);
    for (const c of ['surname', 'birth_date', 'captured_at']) expect(columns).not.toContain(c);
    const text = await vaultText(clean);
    expect(text).not.toContain(a.surname);
    expect(text).not.toContain('09:17:23');
    const [row] = await clean.test.db.query<{ sealed: Uint8Array; nonce: Uint8Array | null }>(
      'SELECT sealed, nonce FROM vault.templates LIMIT 1',
    );
    expect(row.nonce).not.toBeNull();
    expect(() => decodeIsoTemplate(row.sealed)).toThrow();
  });

  it('gives random subject ids: neither the IIN hash nor a sequence', async () => {
    const ids = [await linkOf(clean, a.iin), await linkOf(clean, b.iin)] as string[];
    expect(idKey(ids[0])).not.toBe(iinHashKey(a.iin));
    expect(ids.filter((id) => id.startsWith('00000000-0000-4000-8000-'))).toEqual([]);
  });
});

describe('flaws in storage', () => {
  it('pii-in-vault: the vault row names the person (surname and birth date)', async () => {
    const t = await system('pii-in-vault');
    await t.system.enrol(request(a), PSC, { idempotencyKey: key() });
    const rows = await t.test.db.query<{ surname: string; birth_date: string }>(
      'SELECT DISTINCT surname, birth_date::text AS birth_date FROM vault.templates',
    );
    expect(rows).toEqual([{ surname: a.surname, birth_date: a.birthDate }]);
    expect(await vaultText(t)).toContain(a.surname);
  }, 600_000);

  it('iin-hash-subject-id: the subject id is the unsalted SHA-256 of the IIN', async () => {
    const t = await system('iin-hash-subject-id');
    await t.system.enrol(request(a), PSC, { idempotencyKey: key() });
    const id = (await linkOf(t, a.iin)) as string;
    expect(idKey(id)).toBe(iinHashKey(a.iin));
    // Still a well-formed UUIDv4, so no format check gives it away.
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }, 600_000);

  it('sequential-subject-id: ids count up in enrolment order', async () => {
    const t = await system('sequential-subject-id');
    for (const r of [a, b, c]) await t.system.enrol(request(r), PSC, { idempotencyKey: key() });
    const ids = [await linkOf(t, a.iin), await linkOf(t, b.iin), await linkOf(t, c.iin)];
    expect(ids).toEqual([
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002',
      '00000000-0000-4000-8000-000000000003',
    ]);
  }, 600_000);

  it('exact-timestamps: the vault keeps the enrolment instant to the millisecond', async () => {
    const t = await system('exact-timestamps');
    t.clock.now = new Date(`${AS_OF}T09:17:23.456Z`);
    await t.system.enrol(request(a), PSC, { idempotencyKey: key() });
    const [row] = await t.test.db.query<{ at: Date | string }>(
      'SELECT DISTINCT captured_at AS at FROM vault.templates',
    );
    expect(new Date(row.at).toISOString()).toBe(`${AS_OF}T09:17:23.456Z`);
  }, 600_000);

  it('templates-unencrypted: the sealed column parses as an ISO/IEC 19794-2 record', async () => {
    const t = await system('templates-unencrypted');
    await t.system.enrol(request(a), PSC, { idempotencyKey: key() });
    const [row] = await t.test.db.query<{ sealed: Uint8Array; nonce: Uint8Array | null; position: number }>(
      'SELECT sealed, nonce, position FROM vault.templates ORDER BY position LIMIT 1',
    );
    expect(row.nonce).toBeNull();
    const template = decodeIsoTemplate(row.sealed);
    expect(template.minutiae.length).toBeGreaterThan(0);
    const offered = request(a).fingerprints.find((f) => f.position === row.position);
    expect(Buffer.from(row.sealed).equals(Buffer.from(offered?.data ?? []))).toBe(true);
    // It still works: the gallery reloads plain rows after a restart and verifies.
    const restarted = await t.restart();
    const probe = syntheticPrints(TEST_SEED, a.index, 3, [1, 2, 6, 7]);
    expect(await restarted.verify({ iin: a.iin, fingerprints: probe }, PSC)).toMatchObject({ match: true });
  }, 600_000);

  it('refusal-in-vault: a refusal leaves a vault row carrying the applicant’s subject id', async () => {
    const t = await system('refusal-in-vault');
    await t.system.enrol(request(a), PSC, { idempotencyKey: key() });
    const refused = await t.system.enrol({ ...request(a, { trigger: 'expiry' }), refuses: true }, PSC, {
      idempotencyKey: key(),
    });
    expect(refused.status).toBe('refused');
    const rows = await t.test.db.query<{ refusal_id: string; subject_id: string | null }>(
      'SELECT refusal_id, subject_id FROM vault.refusals',
    );
    expect(rows).toEqual([{ refusal_id: refused.refusalId, subject_id: await linkOf(t, a.iin) }]);
    // The clean reference records the same refusal in the registry only.
    const clean = await system('clean');
    const out = await clean.system.enrol({ ...request(c), refuses: true }, PSC, { idempotencyKey: key() });
    expect(out.status).toBe('refused');
    const tables = await clean.test.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'vault'",
    );
    expect(tables.map((x) => x.table_name)).toEqual(['templates']);
    expect(await count(clean, 'registry.refusals', `id = '${out.refusalId}'`)).toBe(1);
  }, 600_000);
});
