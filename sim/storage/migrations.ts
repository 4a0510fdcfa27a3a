import { createHash } from 'node:crypto';
import type { SqlClient } from './sql-client.ts';

export interface Migration {
  /** Ordered, never reused: "001-registry". */
  id: string;
  sql: string;
}

const LOCK_KEY = 0x64616374; // "dact": serialises concurrent migrators on one server

function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/**
 * Applies the migrations not yet applied, each in its own transaction, and refuses to run if an
 * applied migration's text changed since (a deployed schema must never silently differ).
 */
export async function migrate(db: SqlClient, migrations: readonly Migration[]): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS public.schema_migrations (
    id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const applied = new Map(
      (
        await tx.query<{ id: string; checksum: string }>('SELECT id, checksum FROM public.schema_migrations')
      ).map((r) => [r.id, r.checksum]),
    );
    const done: string[] = [];
    for (const m of migrations) {
      const sum = checksum(m.sql);
      const old = applied.get(m.id);
      if (old !== undefined) {
        if (old !== sum)
          throw new Error(`migration ${m.id} was changed after it was applied; add a new migration instead`);
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO public.schema_migrations (id, checksum) VALUES ($1, $2)', [m.id, sum]);
      done.push(m.id);
    }
    return done;
  });
}
