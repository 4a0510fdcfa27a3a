import type { PlantedFlaw } from '../reference/planted-flaws.ts';
import type { Migration } from '../storage/migrations.ts';

/**
 * The fingerprint vault: subject id, finger position, encrypted template, quality, the sensor
 * profile's name and the ISO week of capture. Nothing names a person, a PSC or an application, and
 * the week (not the instant) keeps a row from being joined to an application by its time.
 * `generation` numbers captures of one subject: the registry says which one is committed.
 */
export const VAULT_MIGRATIONS: readonly Migration[] = [
  {
    id: '020-vault',
    sql: `
CREATE SCHEMA vault;
CREATE TABLE vault.templates (
  subject_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position BETWEEN 1 AND 10),
  generation integer NOT NULL CHECK (generation > 0),
  key_id text NOT NULL,
  nonce bytea NOT NULL CHECK (length(nonce) = 12),
  sealed bytea NOT NULL,
  quality smallint NOT NULL CHECK (quality BETWEEN 0 AND 100),
  sensor_profile text,
  captured_week date NOT NULL CHECK (extract(isodow FROM captured_week) = 1),
  PRIMARY KEY (subject_id, generation, position)
);
GRANT USAGE ON SCHEMA vault TO dactylo_vault;
GRANT SELECT, INSERT, UPDATE, DELETE ON vault.templates TO dactylo_vault;
`,
  },
];

/**
 * Schema changes that exist only to plant a flaw (harness/flaws/catalogue.yaml), applied after the
 * vault's own migrations and only when that flaw is planted: each is the change a developer would
 * have shipped to make the mistake possible. The clean reference never applies them.
 */
export const PLANTED_VAULT_MIGRATIONS: Readonly<Partial<Record<PlantedFlaw, Migration>>> = {
  // "For support staff": who the prints belong to, right beside them.
  'pii-in-vault': {
    id: '900-planted-support-columns',
    sql: 'ALTER TABLE vault.templates ADD COLUMN surname text, ADD COLUMN birth_date date;',
  },
  'exact-timestamps': {
    id: '901-planted-captured-at',
    sql: 'ALTER TABLE vault.templates ADD COLUMN captured_at timestamptz;',
  },
  'sequential-subject-id': {
    id: '902-planted-subject-sequence',
    sql: `CREATE SEQUENCE vault.subject_number;
GRANT USAGE ON SEQUENCE vault.subject_number TO dactylo_vault;`,
  },
  // Encryption "switched off for now": key id and nonce become optional.
  'templates-unencrypted': {
    id: '903-planted-plain-templates',
    sql: 'ALTER TABLE vault.templates ALTER COLUMN key_id DROP NOT NULL, ALTER COLUMN nonce DROP NOT NULL;',
  },
  'refusal-in-vault': {
    id: '904-planted-refusals',
    sql: `CREATE TABLE vault.refusals (
  refusal_id uuid PRIMARY KEY,
  subject_id uuid,
  refused_on date NOT NULL,
  office text NOT NULL
);
GRANT SELECT, INSERT ON vault.refusals TO dactylo_vault;`,
  },
};

/** The vault's migrations with those of the planted flaws after them. */
export function vaultMigrations(flaws: ReadonlySet<PlantedFlaw>): Migration[] {
  const planted = [...flaws].flatMap((f) => PLANTED_VAULT_MIGRATIONS[f] ?? []);
  return [...VAULT_MIGRATIONS, ...planted];
}
