import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticPrints } from '../../sim/reference/synthetic-applicants.ts';
import { openDatabase } from '../../sim/storage/open-database.ts';
import type { SqlClient } from '../../sim/storage/sql-client.ts';
import { MemoryKeyProvider } from '../../sim/vault/key-provider.ts';
import { sealTemplate } from '../../sim/vault/template-cipher.ts';
import type { CertificationContext } from '../certify/certification-suite.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import { keySeparation } from './key-separation.ts';
import { securityRun } from './security-fixtures.ts';
import { storedTemplates } from './stored-templates.ts';
import { templateEncryption } from './template-encryption.ts';

/**
 * A vendor-like fingerprint database built by hand: sealed cells (AES-256-GCM, as the reference
 * seals) or plain ISO records, and optionally the data key sitting in a table beside them.
 */
let test: { db: SqlClient };
const keys = new MemoryKeyProvider();
const SUBJECTS = 6;
/** Schema names of this run only: DATABASE_URL's server may be shared with other tests. */
const S = `insp_${randomBytes(4).toString('hex')}`;
const [SEALED, CLEAR, LEAKY] = ['sealed', 'clear', 'leaky'].map((k) => `${S}_${k}`);

function iso(subject: number, position: number): Uint8Array {
  return syntheticPrints('inspection-test', subject, 0, [position as 1])[0].data;
}

beforeAll(async () => {
  // DATABASE_URL's server when set (CI), else an in-memory PGlite; schemas are this test's own.
  test = { db: await openDatabase({ url: process.env.DATABASE_URL }) };
  await test.db.exec(`
    CREATE SCHEMA ${SEALED}; CREATE SCHEMA ${CLEAR}; CREATE SCHEMA ${LEAKY};
    CREATE TABLE ${SEALED}.t (subject_id text, position int, nonce bytea, sealed bytea);
    CREATE TABLE ${CLEAR}.t (subject_id text, position int, template bytea);
    CREATE TABLE ${LEAKY}.t (subject_id text, position int, nonce bytea, sealed bytea);
    CREATE TABLE ${LEAKY}.config (name text, value text);`);
  for (let s = 0; s < SUBJECTS; s++)
    for (const p of [1, 2]) {
      const id = `subject-${s}`;
      const sealed = sealTemplate(keys, id, p, iso(s, p));
      for (const schema of [SEALED, LEAKY])
        await test.db.query(`INSERT INTO ${schema}.t VALUES ($1, $2, $3, $4)`, [
          id,
          p,
          sealed.nonce,
          sealed.sealed,
        ]);
      await test.db.query(`INSERT INTO ${CLEAR}.t VALUES ($1, $2, $3)`, [id, p, iso(s, p)]);
    }
  await test.db.query(`INSERT INTO ${LEAKY}.config VALUES ($1, $2), ($3, $4)`, [
    'dek',
    keys.current().key.toString('hex'),
    'salt',
    randomBytes(32).toString('base64'),
  ]);
}, 240_000);
afterAll(async () => {
  await test?.db.exec(`DROP SCHEMA IF EXISTS ${SEALED}, ${CLEAR}, ${LEAKY} CASCADE`);
  await test?.db.close();
});

function runOn(schema: string) {
  const target = {
    fingerprintDatabase: { db: test.db, schemas: [schema] },
  } as unknown as CertificationTarget;
  return securityRun({
    target,
    seed: 'inspection-test',
    quick: true,
    asOf: '2025-06-01',
  } as CertificationContext);
}

describe('stored template inspection', () => {
  it('finds the template column and its 12-byte nonce column', async () => {
    const t = await storedTemplates({ db: test.db, schemas: [SEALED] });
    expect(t).toMatchObject({ table: `${SEALED}.t`, column: 'sealed', nonceColumn: 'nonce' });
    expect(t?.cells).toHaveLength(SUBJECTS * 2);
  });

  it('passes sealed cells and fails ISO records in clear', async () => {
    const [sealed] = await templateEncryption(runOn(SEALED));
    expect(sealed.outcome, sealed.summary).toBe('pass');
    const [clear] = await templateEncryption(runOn(CLEAR));
    expect(clear.outcome).toBe('fail');
    expect(clear.summary).toContain('ISO/IEC 19794-2 record in clear');
  });

  it('finds the data key stored beside the templates (hex text), and nothing where there is none', async () => {
    const [leaky] = await keySeparation(runOn(LEAKY));
    expect(leaky.outcome).toBe('fail');
    expect(leaky.summary).toContain(`${LEAKY}.config.value`);
    const [sealed] = await keySeparation(runOn(SEALED));
    expect(sealed.outcome, sealed.summary).toBe('pass');
  });
});
