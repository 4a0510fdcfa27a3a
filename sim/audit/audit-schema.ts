import type { Migration } from '../storage/migrations.ts';

/**
 * The append-only audit log: the registry's role may INSERT and SELECT only, and a trigger refuses
 * UPDATE, DELETE and TRUNCATE even for roles that were granted more. Each row carries the SHA-256
 * of its predecessor, so an edit by someone who bypasses both (a superuser) still shows.
 */
export const AUDIT_MIGRATIONS: readonly Migration[] = [
  {
    id: '030-audit',
    sql: `
CREATE SCHEMA audit;
CREATE TABLE audit.entries (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id text NOT NULL,
  role text NOT NULL,
  action text NOT NULL,
  purpose text,
  case_reference text,
  subjects text[] NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit.entries is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON audit.entries
  FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON audit.entries
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
GRANT USAGE ON SCHEMA audit TO dactylo_registry;
GRANT SELECT, INSERT ON audit.entries TO dactylo_registry;
`,
  },
];
