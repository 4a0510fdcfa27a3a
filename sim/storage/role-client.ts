import type { SqlClient } from './sql-client.ts';

const ROLE_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * A client whose every statement runs as `role` (SET LOCAL ROLE inside its transaction), so one
 * administrative connection can serve two domains while PostgreSQL itself enforces what each may
 * read. A deployment gives each domain its own login instead; the grants are the same.
 */
export function roleClient(base: SqlClient, role: string): SqlClient {
  if (!ROLE_NAME.test(role)) throw new RangeError(`not a plain role name: ${role}`);
  const setRole = `SET LOCAL ROLE ${role}`;
  const scoped = (tx: SqlClient): SqlClient => ({
    kind: tx.kind,
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    transaction: (work) => work(scoped(tx)),
    close: async () => {},
  });
  return {
    kind: base.kind,
    query(sql, params) {
      return base.transaction(async (tx) => {
        await tx.exec(setRole);
        return tx.query(sql, params);
      });
    },
    exec(sql) {
      return base.transaction(async (tx) => {
        await tx.exec(setRole);
        await tx.exec(sql);
      });
    },
    transaction(work) {
      return base.transaction(async (tx) => {
        await tx.exec(setRole);
        return work(scoped(tx));
      });
    },
    close: () => base.close(),
  };
}
