import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { SqlClient } from './sql-client.ts';

function txClient(tx: Transaction): SqlClient {
  return {
    kind: 'pglite',
    async query(sql, params = []) {
      return (await tx.query(sql, params as unknown[])).rows as never;
    },
    async exec(sql) {
      await tx.exec(sql);
    },
    transaction(work) {
      return work(this);
    },
    async close() {},
  };
}

/**
 * The embedded PostgreSQL (PGlite, WebAssembly): in memory, or persisted in `dataDir`.
 * PGlite serves one connection, so its own queue serialises transactions.
 */
export async function pgliteClient(dataDir?: string): Promise<SqlClient> {
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  return {
    kind: 'pglite',
    async query(sql, params = []) {
      return (await db.query(sql, params as unknown[])).rows as never;
    },
    async exec(sql) {
      await db.exec(sql);
    },
    transaction(work) {
      return db.transaction((tx) => work(txClient(tx)));
    },
    async close() {
      await db.close();
    },
  };
}
