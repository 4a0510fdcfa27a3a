import { randomBytes } from 'node:crypto';
import { containerPostgresUrl } from './container-postgres.ts';
import { postgresClient } from './pg-client.ts';
import { pgliteClient } from './pglite-client.ts';
import type { SqlClient } from './sql-client.ts';

export interface TestDatabase {
  db: SqlClient;
  /** Where it runs, for test names and skip reasons. */
  where: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test: a throw-away database on the server DATABASE_URL names
 * (CI's real PostgreSQL), else on a PostgreSQL container where a Docker engine answers
 * (testcontainers), else the embedded PGlite. Tests never share state through it.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL || (await containerPostgresUrl());
  if (!url) {
    const db = await pgliteClient();
    return { db, where: 'pglite', drop: () => db.close() };
  }
  const name = `dactylo_test_${randomBytes(6).toString('hex')}`;
  const admin = postgresClient(url, { max: 1 });
  await admin.exec(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = postgresClient(target.toString());
  return {
    db,
    where: `postgres ${target.host}`,
    async drop() {
      await db.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}
