import pg from 'pg';
import type { SqlClient, SqlValue } from './sql-client.ts';

// bigint columns come back as strings by default; ids and counters here fit in a double.
pg.types.setTypeParser(20, (v: string) => Number(v));

type Queryable = pg.Pool | pg.PoolClient;

function client(q: Queryable, inTransaction: boolean): SqlClient {
  return {
    kind: 'postgres',
    async query(sql, params = []) {
      const r = await q.query(sql, params as unknown[]);
      return r.rows;
    },
    async exec(sql) {
      await q.query(sql);
    },
    async transaction(work) {
      if (inTransaction) return work(this);
      const conn = await (q as pg.Pool).connect();
      // A checked-out client is not covered by the pool's 'error' listener: a connection lost between two
      // statements would otherwise be an unhandled 'error' event that kills the process. The failing
      // statement reports the loss; release(error) then destroys the broken client instead of pooling it.
      const onError = () => undefined;
      conn.on('error', onError);
      let failure: Error | undefined;
      try {
        await conn.query('BEGIN');
        const result = await work(client(conn, true));
        await conn.query('COMMIT');
        return result;
      } catch (e) {
        failure = e as Error;
        await conn.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        conn.off('error', onError);
        conn.release(failure);
      }
    },
    async close() {
      if (!inTransaction) await (q as pg.Pool).end();
    },
  };
}

/** A client over a PostgreSQL server at `url` (postgres://user@host:port/db). */
export function postgresClient(url: string, options: { max?: number } = {}): SqlClient {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 8 });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return client(pool, false);
}

export type { SqlValue };
