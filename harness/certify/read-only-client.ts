import type { SqlClient, SqlValue } from '../../sim/storage/sql-client.ts';

/**
 * A database connection as a certification lab is given it: every statement runs in a READ ONLY
 * transaction, so an inspection can never change what it inspects. Closing it leaves the
 * underlying connection to its owner.
 */
export function readOnlyClient(db: SqlClient): SqlClient {
  const guarded = <T>(work: (tx: SqlClient) => Promise<T>): Promise<T> =>
    db.transaction(async (tx) => {
      await tx.exec('SET TRANSACTION READ ONLY');
      return work(tx);
    });
  const self: SqlClient = {
    kind: db.kind,
    query: <R extends Record<string, unknown>>(sql: string, params?: SqlValue[]) =>
      guarded((tx) => tx.query<R>(sql, params)),
    exec: (sql) => guarded((tx) => tx.exec(sql)),
    transaction: (work) => guarded(work),
    close: async () => {},
  };
  return self;
}
