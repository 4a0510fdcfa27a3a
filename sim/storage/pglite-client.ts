import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { SqlClient } from './sql-client.ts';

/** The statements PGlite and its transactions share; only `transaction` and `close` differ. */
function statements(q: PGlite | Transaction): Pick<SqlClient, 'kind' | 'query' | 'exec'> {
  return {
    kind: 'pglite',
    async query(sql, params = []) {
      return (await q.query(sql, params as unknown[])).rows as never;
    },
    async exec(sql) {
      await q.exec(sql);
    },
  };
}

function txClient(tx: Transaction): SqlClient {
  return {
    ...statements(tx),
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
    ...statements(db),
    transaction(work) {
      return db.transaction((tx) => work(txClient(tx)));
    },
    async close() {
      await db.close();
    },
  };
}
