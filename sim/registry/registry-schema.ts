import type { Migration } from '../storage/migrations.ts';

/**
 * The identity registry: people, documents, applications, refusals, cases, and the only link from
 * a person to a vault subject. The vault's role has no USAGE on this schema.
 *
 * Two-phase enrolment (see sim/reference/enrolment-flow.ts): `vault_intents` records a vault write
 * before it happens; the registry transaction that moves `subject_links.generation` to it is the
 * commit point; recovery deletes vault rows of intents that never committed.
 */
export const REGISTRY_MIGRATIONS: readonly Migration[] = [
  {
    id: '010-registry',
    sql: `
CREATE SCHEMA registry;
CREATE TABLE registry.residents (
  iin text PRIMARY KEY CHECK (iin ~ '^[0-9]{12}$'),
  surname text NOT NULL,
  given_name text NOT NULL,
  patronymic text,
  birth_date date NOT NULL,
  sex text NOT NULL CHECK (sex IN ('M', 'F')),
  citizenship text,
  status text NOT NULL,
  deceased_on date,
  updated_at timestamptz NOT NULL
);
CREATE TABLE registry.applications (
  id uuid PRIMARY KEY,
  iin text NOT NULL,
  document_kind text NOT NULL,
  trigger text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('psc', 'consulate')),
  office text NOT NULL,
  application_date date NOT NULL,
  status text NOT NULL,
  decided_by text,
  rules text[] NOT NULL DEFAULT '{}',
  missing_fingers jsonb NOT NULL DEFAULT '[]',
  actor_id text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX applications_iin ON registry.applications (iin);
CREATE TABLE registry.documents (
  number text PRIMARY KEY,
  iin text NOT NULL REFERENCES registry.residents (iin),
  kind text NOT NULL,
  issue_date date NOT NULL,
  expiry_date date NOT NULL,
  status text NOT NULL CHECK (status IN ('valid', 'lost', 'stolen', 'replaced')),
  status_date date,
  application_id uuid REFERENCES registry.applications (id),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX documents_iin ON registry.documents (iin);
CREATE TABLE registry.refusals (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL UNIQUE REFERENCES registry.applications (id),
  iin text NOT NULL REFERENCES registry.residents (iin),
  refused_on date NOT NULL,
  office text NOT NULL,
  legal_basis text NOT NULL DEFAULT 'CAO Article 443-1'
);
CREATE TABLE registry.cases (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('suspected-double-registration')),
  application_id uuid NOT NULL REFERENCES registry.applications (id),
  applicant_iin text NOT NULL,
  matched_subject_id uuid NOT NULL,
  matched_fingers smallint NOT NULL,
  status text NOT NULL DEFAULT 'open',
  opened_at timestamptz NOT NULL
);
CREATE TABLE registry.subject_links (
  iin text PRIMARY KEY REFERENCES registry.residents (iin),
  subject_id uuid NOT NULL UNIQUE,
  generation integer NOT NULL CHECK (generation > 0),
  quality text NOT NULL CHECK (quality IN ('good', 'poor')),
  fingers smallint[] NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TABLE registry.vault_intents (
  application_id uuid PRIMARY KEY REFERENCES registry.applications (id),
  subject_id uuid NOT NULL,
  generation integer NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE TABLE registry.idempotency (
  key text PRIMARY KEY,
  operation text NOT NULL,
  request_hash text NOT NULL,
  state text NOT NULL CHECK (state IN ('in-progress', 'done')),
  application_id uuid,
  result jsonb,
  created_at timestamptz NOT NULL
);
CREATE TABLE registry.outbox (
  id uuid PRIMARY KEY,
  topic text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
CREATE INDEX outbox_unsent ON registry.outbox (created_at) WHERE sent_at IS NULL;
GRANT USAGE ON SCHEMA registry TO dactylo_registry;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA registry TO dactylo_registry;
`,
  },
  {
    // A recorded death invalidates the person's valid documents (the state sim/population uses too).
    id: '011-document-invalidated',
    sql: `
ALTER TABLE registry.documents DROP CONSTRAINT documents_status_check;
ALTER TABLE registry.documents ADD CONSTRAINT documents_status_check
  CHECK (status IN ('valid', 'lost', 'stolen', 'replaced', 'invalidated'));
`,
  },
];
