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
