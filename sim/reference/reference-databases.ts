import { REGISTRY_ROLE, VAULT_ROLE } from '../storage/domain-roles.ts';
import { openDatabase } from '../storage/open-database.ts';
import { roleClient } from '../storage/role-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';

export interface ReferenceDatabases {
  /** The owner's connection: migrations only. */
  admin: SqlClient;
  /** Runs as dactylo_registry: no access to the vault schema. */
  registry: SqlClient;
  /** Runs as dactylo_vault: no access to the registry or audit schemas. */
  vault: SqlClient;
  close(): Promise<void>;
}

/**
 * The registry's and the vault's clients over one database, each under its own role, so that
 * PostgreSQL (or PGlite) enforces the separation the law asks for even when they share a server.
 */
export function referenceDatabases(admin: SqlClient): ReferenceDatabases {
  return {
    admin,
    registry: roleClient(admin, REGISTRY_ROLE),
    vault: roleClient(admin, VAULT_ROLE),
    close: () => admin.close(),
  };
}

/** Opens `url` (postgres://…, pglite:DIR, or in-memory PGlite when absent) as reference databases. */
export async function openReferenceDatabases(url?: string): Promise<ReferenceDatabases> {
  return referenceDatabases(await openDatabase({ url }));
}
