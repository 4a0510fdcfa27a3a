import type { Migration } from './migrations.ts';

/** The two domains' database roles: the vault's cannot read the registry, nor the registry's the vault. */
export const REGISTRY_ROLE = 'dactylo_registry';
export const VAULT_ROLE = 'dactylo_vault';

/**
 * Roles are cluster-wide, so creating them tolerates another database (or a concurrent test) having
 * created them first. NOLOGIN: a deployment adds LOGIN and a password (or certificate) out of band,
 * never in a migration.
 */
export const ROLES_MIGRATION: Migration = {
  id: '000-domain-roles',
  sql: [REGISTRY_ROLE, VAULT_ROLE]
    .map(
      (role) => `DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} NOLOGIN; END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;`,
    )
    .join('\n'),
};
