import { postgresClient } from './pg-client.ts';
import { pgliteClient } from './pglite-client.ts';
import type { SqlClient } from './sql-client.ts';

export interface DatabaseOptions {
  /** postgres://… for a server; `pglite:DIR` for an embedded database kept in DIR; absent: in memory. */
  url?: string;
}

/** Opens the database a deployment names, defaulting to the embedded in-memory PGlite. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<SqlClient> {
  const url = options.url;
  if (!url) return pgliteClient();
  if (url.startsWith('pglite:')) return pgliteClient(url.slice('pglite:'.length));
  if (/^postgres(ql)?:\/\//.test(url)) return postgresClient(url);
  throw new Error(
    `database URL must start with postgres://, postgresql:// or pglite:, got '${url.split(':')[0]}:…'`,
  );
}
