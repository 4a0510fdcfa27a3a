import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateOnlyImpression, templateOnlyMaster } from '../../../sim/fingerprints/template-only.ts';
import { encodeIsoTemplate } from '../../../sim/matcher/iso19794-2.ts';
import { createTestDatabase, type TestDatabase } from '../../../sim/storage/test-database.ts';
import {
  carriesTemplate,
  clearTemplates,
  decryptedTemplates,
  readStoredRows,
  rowDigests,
  rowsAdded,
  type StoredRow,
} from './stolen-templates.ts';

const iso = encodeIsoTemplate({
  ...templateOnlyImpression(templateOnlyMaster('stolen', 0, 3), 0),
  position: 3,
});
const subject = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';

describe('clearTemplates', () => {
  it('reads ISO/IEC 19794-2 records stored as bytes, base64 or hex text, with their finger', () => {
    const hex = Buffer.from(iso).toString('hex');
    const row: StoredRow = {
      table: 'vault.t',
      cells: { a: iso, b: Buffer.from(iso).toString('base64'), c: hex, d: `\\x${hex}`, n: 7 },
    };
    const found = clearTemplates(row);
    expect(found.map((f) => f.location)).toEqual(['vault.t.a', 'vault.t.b', 'vault.t.c', 'vault.t.d']);
    expect(found.every((f) => f.position === 3)).toBe(true);
  });

  it('reads nothing from ciphertext-like bytes', () => {
    const noise = Uint8Array.from({ length: iso.length }, (_, i) => (i * 151 + 7) % 256);
    expect(clearTemplates({ table: 'vault.t', cells: { sealed: noise } })).toEqual([]);
  });
});

describe('decryptedTemplates', () => {
  const nonce = new Uint8Array(12).fill(9);
  const sealed = Uint8Array.from(iso, (b) => b ^ 0x5a);
  it('hands the key hook the nonce and the sealed bytes, bound to the row subject and finger', () => {
    const calls: { length: number; aad: unknown }[] = [];
    const decrypt = (stored: Uint8Array, aad: { subjectId: string; position: number }) => {
      calls.push({ length: stored.length, aad });
      return stored.length === 12 + sealed.length
        ? Uint8Array.from(stored.subarray(12), (b) => b ^ 0x5a)
        : null;
    };
    const row: StoredRow = {
      table: 'vault.templates',
      cells: { subject_id: subject, position: 3, nonce, sealed },
    };
    const found = decryptedTemplates(row, decrypt);
    expect(found).toHaveLength(1);
    expect(Buffer.from(found[0].record).equals(Buffer.from(iso))).toBe(true);
    expect(calls).toEqual([{ length: 12 + sealed.length, aad: { subjectId: subject, position: 3 } }]);
  });

  it('gets nothing from a row without a subject and finger to bind the key to', () => {
    expect(decryptedTemplates({ table: 't', cells: { sealed } }, () => iso)).toEqual([]);
  });
});

describe('carriesTemplate', () => {
  it('needs a binary cell at least as long as a nonce and a tag', () => {
    expect(carriesTemplate({ table: 't', cells: { x: 1, y: new Uint8Array(27) } })).toBe(false);
    expect(carriesTemplate({ table: 't', cells: { sealed: new Uint8Array(28) } })).toBe(true);
  });
});

describe('readStoredRows', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await t.db.exec(`CREATE SCHEMA vault; CREATE TABLE vault.templates (subject_id uuid, position smallint, sealed bytea);
      CREATE SCHEMA other; CREATE TABLE other.secrets (v text);`);
    await t.db.query('INSERT INTO vault.templates VALUES ($1, 3, $2)', [subject, Buffer.from(iso)]);
    await t.db.query(`INSERT INTO other.secrets VALUES ('not in the store')`);
  }, 180_000);
  afterAll(async () => t?.drop());

  it('copies every row of the given schemas, bytes as bytes', async () => {
    const rows = await readStoredRows({ db: t.db, schemas: ['vault'] });
    expect(rows).toHaveLength(1);
    expect(rows[0].table).toBe('vault.templates');
    expect(rows[0].cells.sealed).toBeInstanceOf(Uint8Array);
    expect(clearTemplates(rows[0])[0].position).toBe(3);
  });

  it('finds the rows written between two digests of the store', async () => {
    const access = { db: t.db, schemas: ['vault'] };
    const before = await rowDigests(access);
    await t.db.query('INSERT INTO vault.templates VALUES ($1, 4, $2)', [subject, Buffer.from(iso)]);
    const added = await rowsAdded(access, before, await rowDigests(access));
    expect(added.map((r) => [r.table, r.cells.position])).toEqual([['vault.templates', 4]]);
    expect(await rowsAdded(access, await rowDigests(access), await rowDigests(access))).toEqual([]);
  });
});
