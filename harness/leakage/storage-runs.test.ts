import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResidentFactory } from '../../sim/population/resident.ts';
import { stream } from '../../sim/random/index.ts';
import { createTestDatabase, type TestDatabase } from '../../sim/storage/test-database.ts';
import { fakeTarget } from '../certify/fake-target.test-helper.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import { markerCanary } from './canary.ts';
import { runCanaryStorage } from './canary-storage-run.ts';
import { runIinHashReversal } from './iin-hash-reversal-run.ts';
import { quasiIdentifierLinkage, type RegistryRow } from './quasi-identifier-linkage.ts';
import { readStoredReferences } from './stored-references.ts';
import { asSequence, classify, normaliseKey, readVaultAttributes } from './vault-attributes.ts';

const factory = new ResidentFactory('storage-runs');
const people = Array.from({ length: 12 }, (_, k) => factory.resident(k));
const canaries = people.map((r) => markerCanary(r, stream('storage-runs', 'markers')));
const T0 = Date.UTC(2025, 5, 2, 9);

/** A subject identifier made the careless way: SHA-256 of the IIN squeezed into a UUIDv4. */
function hashedId(iin: string): string {
  const h = createHash('sha256').update(iin).digest('hex').slice(0, 32).split('');
  h[12] = '4';
  h[16] = '8';
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
const sequentialId = (k: number) => `00000000-0000-4000-8000-${(k + 1).toString(16).padStart(12, '0')}`;

let t: TestDatabase;
let target: CertificationTarget;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.exec(`
    CREATE SCHEMA leaky;
    CREATE TABLE leaky.templates (subject_id uuid, position smallint, sealed bytea, captured_at timestamptz, birth_date date, quality smallint);
    CREATE SCHEMA clean;
    CREATE TABLE clean.templates (subject_id uuid, position smallint, nonce bytea, sealed bytea, captured_week date);
  `);
  for (const [k, p] of people.entries())
    for (const position of [1, 2]) {
      await t.db.query('INSERT INTO leaky.templates VALUES ($1, $2, $3, $4, $5, $6)', [
        hashedId(p.iin),
        position,
        Buffer.from(`FMR\u0000 020\u0000template of finger ${position} of person ${k}`),
        new Date(T0 + k * 900 + position).toISOString(),
        p.birthDate,
        40 + ((k * 7 + position * 13) % 50),
      ]);
      await t.db.query('INSERT INTO clean.templates VALUES ($1, $2, $3, $4, $5)', [
        sequentialId(k),
        position,
        randomBytes(12),
        randomBytes(300),
        '2025-06-02',
      ]);
    }
  target = {
    ...fakeTarget(['api', 'fingerprint-database']),
    fingerprintDatabase: { db: t.db, schemas: ['leaky'] },
  };
}, 240_000);
afterAll(() => t?.drop());

describe('storage attacks on a planted vault', () => {
  it('reverses subject identifiers that hash the IIN, keeping the digest-shaped cells of the canary scan', async () => {
    const storage = await runCanaryStorage(target, canaries);
    // The planted birth dates are canaries too: a vault row that names a birth date leaks.
    expect(storage.evidence.measurements?.canaryHits.value).toBeGreaterThanOrEqual(people.length);
    const r = runIinHashReversal(storage.digestCells, canaries);
    expect(r.evidence.measurements?.reversedShare).toMatchObject({ value: 1, errors: 12, trials: 12 });
    expect(r.evidence.summary).toMatch(/12 of 12 canary IINs recovered/);
  }, 60_000);

  it('skips, never passes, when storage cannot be read', async () => {
    const blind = fakeTarget(['api']);
    const storage = await runCanaryStorage(blind, canaries);
    expect(storage.evidence.outcome).toBe('skipped');
    expect(runIinHashReversal(storage.digestCells, canaries).evidence.outcome).toBe('skipped');
  });

  it('reads birth dates and exact times out of the vault and re-identifies every canary through the registry', async () => {
    const registry: RegistryRow[] = people.map((p, k) => ({
      personId: p.iin,
      birthDate: p.birthDate,
      sex: p.sex,
      psc: 'PSC-ALM-01',
      appliedAt: T0 + k * 900 + 250,
      subjectId: normaliseKey(hashedId(p.iin)),
    }));
    const vault = await readVaultAttributes(
      t.db,
      ['leaky'],
      people.map((p) => hashedId(p.iin)),
      {
        birthDates: new Set(registry.map((r) => r.birthDate)),
        offices: new Set(['PSC-ALM-01']),
      },
    );
    expect(vault.keyColumns).toEqual(['leaky.templates.subject_id']);
    expect(vault.attributes).toEqual({
      'leaky.templates.captured_at': 'enrolledAt',
      'leaky.templates.birth_date': 'birthDate',
    });
    const byDate = quasiIdentifierLinkage(
      vault.rows.map((r) => ({ ...r, enrolledAt: null })),
      registry,
    );
    expect(byDate.evidence.measurements?.reidentifiedShare.value).toBe(1);
    const byTime = quasiIdentifierLinkage(
      vault.rows.map((r) => ({ ...r, birthDate: null })),
      registry,
    );
    expect(byTime.joinedOn).toEqual(['enrolledAt (1 ms)']);
    expect(byTime.evidence.measurements?.reidentifiedShare.value).toBe(1);
  }, 60_000);

  it('sees a counter in the subject key and nothing in a coarse capture week', async () => {
    const vault = await readVaultAttributes(
      t.db,
      ['clean'],
      people.map((_, k) => sequentialId(k)),
      {
        birthDates: new Set(people.map((p) => p.birthDate)),
        offices: new Set(),
      },
    );
    expect(vault.attributes).toEqual({ 'clean.templates.subject_id': 'sequence' });
    expect(vault.rows.map((r) => r.sequence)).toEqual(people.map((_, k) => k));
  }, 60_000);

  it('finds each subject’s stored references with position and nonce', async () => {
    const refs = await readStoredReferences(t.db, ['clean'], [sequentialId(3)]);
    const mine = refs.get(normaliseKey(sequentialId(3)));
    expect(mine?.map((r) => [r.position, r.stored.length, r.nonce?.length])).toEqual([
      [1, 300, 12],
      [2, 300, 12],
    ]);
  }, 60_000);
});

describe('column classification', () => {
  const domains = { birthDates: new Set(['1980-01-02', '1990-03-04']), offices: new Set(['PSC-1', 'PSC-2']) };
  it('reads a column as the registry attribute its values belong to', () => {
    expect(classify(['1980-01-02', '1990-03-04'], domains)).toBe('birthDate');
    expect(classify(['2025-06-02', '2025-06-09'], domains)).toBe('enrolledAt');
    expect(classify(['2025-06-02 09:00:01.3+00', '2025-06-02 09:00:02.1+00'], domains)).toBe('enrolledAt');
    expect(classify(['M', 'F', 'F'], domains)).toBe('sex');
    expect(classify(['PSC-1', 'PSC-2'], domains)).toBe('psc');
    expect(classify(['x', 'x'], domains)).toBeNull();
  });

  it('takes only distinct, densely packed numbers for a counter', () => {
    expect(asSequence(Array.from({ length: 12 }, (_, k) => String(100 + 3 * k)))).not.toBeNull();
    expect(asSequence(Array.from({ length: 12 }, (_, k) => String(100 + 5 * k)))).toBeNull();
    expect(asSequence(Array.from({ length: 12 }, () => '7'))).toBeNull();
    expect(asSequence(Array.from({ length: 12 }, () => randomBytes(16).toString('hex')))).toBeNull();
  });
});
