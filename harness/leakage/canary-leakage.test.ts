import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResidentFactory } from '../../sim/population/resident.ts';
import { stream } from '../../sim/random/index.ts';
import { createTestDatabase, type TestDatabase } from '../../sim/storage/test-database.ts';
import { markerCanary } from './canary.ts';
import { storageCanaries, textCanaries } from './canary-leakage.ts';
import { headersText } from './text-inspector.ts';

const factory = new ResidentFactory('canary-leakage');
const random = stream('canary-leakage', 'markers');
const canaries = Array.from({ length: 8 }, (_, k) => markerCanary(factory.resident(k), random));
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.exec(`
    CREATE SCHEMA leaky;
    CREATE TABLE leaky.subjects (id uuid PRIMARY KEY, note text, meta jsonb, blob bytea, born date, created timestamptz);
    CREATE SCHEMA clean;
    CREATE TABLE clean.templates (subject uuid, position int, sealed bytea, enrolled_on date);
  `);
  const c = canaries;
  const rows: [string, string | null, Record<string, unknown> | null, Uint8Array | null, string | null][] = [
    [randomUUID(), `operator typed ${c[0].iin}`, null, null, null],
    [
      randomUUID(),
      null,
      { support: { name: 'Zholdasbekova', surname: c[1].surname.toUpperCase() } },
      null,
      null,
    ],
    [randomUUID(), null, null, Buffer.from(`..${c[2].givenName}..`, 'utf16le'), null],
    [randomUUID(), null, null, null, c[3].birthDate],
    [
      randomUUID(),
      `blob:${Buffer.from(JSON.stringify({ iin: c[4].iin })).toString('base64')}`,
      null,
      null,
      null,
    ],
  ];
  for (const r of rows)
    await t.db.query(
      'INSERT INTO leaky.subjects (id, note, meta, blob, born, created) VALUES ($1, $2, $3, $4, $5, now())',
      r,
    );
  // More rows than one page, with random sealed bytes: a clean table must give no hits at all.
  for (let i = 0; i < 600; i += 200) {
    const values = Array.from(
      { length: 200 },
      (_, j) => `('${randomUUID()}', ${(i + j) % 10}, $${j + 1}, '2025-01-01')`,
    );
    await t.db.query(
      `INSERT INTO clean.templates VALUES ${values.join(',')}`,
      Array.from({ length: 200 }, () => randomBytes(600)),
    );
  }
}, 240_000);
afterAll(() => t?.drop());

describe(`canaries in storage (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('finds every planted canary with its location and encoding', async () => {
    const r = await storageCanaries(t.db, ['leaky'], canaries);
    const found = r.hits.map(
      (h) => `${h.canary}:${h.field}:${h.encoding}:${h.location.replace(/ row .*/, '')}`,
    );
    expect(found).toContain('0:iin:plain:leaky.subjects.note');
    expect(found).toContain('1:surname:upper-case:leaky.subjects.meta');
    expect(found).toContain('2:givenName:utf-16le:leaky.subjects.blob');
    expect(found).toContain('3:birthDate:plain:leaky.subjects.born');
    expect(found).toContain('4:iin:base64>plain:leaky.subjects.note');
    expect(r.evidence).toMatchObject({
      outcome: 'measured',
      measurements: { canaryHits: { value: r.hits.length } },
    });
    expect(r.outcome).toMatchObject({
      attack: 'leakage/canary-storage',
      requirement: 'DEP-PII-01',
      successRate: 5 / 8,
    });
    expect(r.inspection).toMatchObject({ tables: 1, columns: 6, rows: 5 });
  });

  it('reads every row of a clean table across pages and finds nothing', async () => {
    const r = await storageCanaries(t.db, ['clean'], canaries);
    expect(r.inspection).toMatchObject({ tables: 1, columns: 4, rows: 600 });
    expect(r.hits).toEqual([]);
    expect(r.evidence.measurements?.canaryHits.value).toBe(0);
  });

  it('searches large objects', async () => {
    await t.db.query('SELECT lo_from_bytea(0, $1)', [
      Buffer.from(`scan of passport ${canaries[5].documentNumber}`),
    ]);
    const r = await storageCanaries(t.db, ['clean'], canaries);
    expect(r.inspection.largeObjects).toBe(1);
    expect(r.hits.map((h) => `${h.field} ${h.location.replace(/ \d+$/, '')}`)).toEqual([
      'documentNumber large object',
    ]);
  });

  it('lets a visitor see every cell, e.g. to collect digest-shaped values for IIN hash reversal', async () => {
    const { inspectStorage } = await import('./storage-inspector.ts');
    const { CanaryScanner } = await import('./canary-scanner.ts');
    const cells: string[] = [];
    await inspectStorage(t.db, ['leaky'], new CanaryScanner([]), (v, where) =>
      cells.push(`${where.replace(/ row .*/, '')}=${typeof v}`),
    );
    expect(cells).toContain('leaky.subjects.blob=object');
    expect(cells.filter((c) => c.startsWith('leaky.subjects.id=')).length).toBe(5);
  });

  it('reports a schema it cannot see as an error, never as clean', async () => {
    const r = await storageCanaries(t.db, ['clean', 'vault_typo'], canaries.slice(0, 5));
    expect(r.evidence).toMatchObject({
      outcome: 'error',
      reason: expect.stringMatching(/schema vault_typo \(no tables visible/),
    });
  });
});

describe('canaries in logs, metrics, error bodies and headers', () => {
  it('names the source and line of each hit', () => {
    const log = [
      '{"level":"info","msg":"enrolment accepted"}',
      `{"level":"warn","msg":"retry","body":"iin=${canaries[6].iin}"}`,
    ].join('\n');
    const r = textCanaries(
      [
        { name: 'app.log', content: log },
        { name: 'metrics', content: 'enrolments_total{psc="KZ-AST-01"} 12\n' },
        {
          name: 'error body',
          content: `{"code":"bad-request","message":"no such person ${encodeURIComponent(canaries[7].surname)}"}`,
        },
        { name: 'headers', content: headersText({ 'x-request-id': 'abc', 'set-cookie': ['a=1', 'b=2'] }) },
      ],
      canaries,
    );
    expect(r.hits.map((h) => `${h.location} ${h.field} ${h.encoding}`)).toEqual([
      'app.log:2 iin plain',
      'error body:1 surname url-encoded',
    ]);
    expect(r.evidence.measurements?.canaryHits.value).toBe(2);
  });

  it('is an error when there is nothing to read', () => {
    expect(textCanaries([], canaries).evidence.outcome).toBe('error');
  });
});
