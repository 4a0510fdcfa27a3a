import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './migrations.ts';
import { openDatabase } from './open-database.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

const MIGRATIONS = [
  {
    id: '001-things',
    sql: 'CREATE SCHEMA t; CREATE TABLE t.things (id int PRIMARY KEY, name text NOT NULL);',
  },
  { id: '002-more', sql: 'ALTER TABLE t.things ADD COLUMN tag bytea;' },
];

let current: TestDatabase | undefined;
afterEach(async () => {
  await current?.drop();
  current = undefined;
});

describe(`storage on ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite'}`, () => {
  it('applies migrations once, in order, and records them', async () => {
    current = await createTestDatabase();
    expect(await migrate(current.db, MIGRATIONS)).toEqual(['001-things', '002-more']);
    expect(await migrate(current.db, MIGRATIONS)).toEqual([]);
    const rows = await current.db.query<{ id: string }>(
      'SELECT id FROM public.schema_migrations ORDER BY id',
    );
    expect(rows.map((r) => r.id)).toEqual(['001-things', '002-more']);
  });

  it('refuses a migration whose text changed after it was applied', async () => {
    current = await createTestDatabase();
    await migrate(current.db, MIGRATIONS);
    const edited = [{ ...MIGRATIONS[0], sql: `${MIGRATIONS[0].sql} -- edited` }, MIGRATIONS[1]];
    await expect(migrate(current.db, edited)).rejects.toThrow(/001-things was changed/);
  });

  it('rolls a failed transaction back whole and keeps parameters out of the SQL text', async () => {
    current = await createTestDatabase();
    const { db } = current;
    await migrate(db, MIGRATIONS);
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t.things (id, name) VALUES ($1, $2)', [
          1,
          "Robert'); DROP TABLE t.things;--",
        ]);
        throw new Error('crash between steps');
      }),
    ).rejects.toThrow(/crash/);
    expect(await db.query('SELECT * FROM t.things')).toEqual([]);
    await db.query('INSERT INTO t.things (id, name, tag) VALUES ($1, $2, $3)', [
      2,
      "O'Brien; DROP",
      new Uint8Array([0, 255]),
    ]);
    const [row] = await db.query<{ name: string; tag: Uint8Array }>('SELECT name, tag FROM t.things');
    expect(row.name).toBe("O'Brien; DROP");
    expect([...row.tag]).toEqual([0, 255]);
  });

  it('names the bad scheme of a database URL', async () => {
    await expect(openDatabase({ url: 'mysql://x' })).rejects.toThrow(/postgres:\/\//);
  });
});
