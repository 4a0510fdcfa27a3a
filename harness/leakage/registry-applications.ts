import type { SqlClient } from '../../sim/storage/sql-client.ts';
import type { RegistryRow } from './quasi-identifier-linkage.ts';
import { quoteIdent } from './storage-inspector.ts';
import { normaliseKey } from './vault-attributes.ts';

/** Where the registry's applications came from, and why not from the database when they did not. */
export interface RegistryApplications {
  rows: RegistryRow[];
  source: string;
}

/** Tables (and their columns) an identity registry in the reference layout has. */
const LAYOUT: Record<string, string[]> = {
  applications: ['iin', 'office', 'created_at', 'status'],
  residents: ['iin', 'birth_date', 'sex'],
  subject_links: ['iin', 'subject_id'],
};

async function layoutSchema(db: SqlClient, schemas: readonly string[]): Promise<string | null> {
  const cols = await db.query<{ s: string; t: string; c: string }>(
    `SELECT table_schema AS s, table_name AS t, column_name AS c FROM information_schema.columns
      WHERE table_schema = ANY($1)`,
    [[...schemas]],
  );
  for (const s of schemas) {
    const has = (t: string, c: string) => cols.some((x) => x.s === s && x.t === t && x.c === c);
    if (Object.entries(LAYOUT).every(([t, cs]) => cs.every((c) => has(t, c)))) return s;
  }
  return null;
}

/**
 * Every enrolling application of the identity registry: birth date and sex of the applicant, the
 * office, the exact time, and (for scoring only) the subject the person is linked to — one row per
 * person, their first enrolment, which is when their vault row was made. Null when the registry is
 * not in the reference layout (a vendor's): the caller then falls back to what it knows itself.
 */
export async function readRegistryApplications(
  db: SqlClient,
  schemas: readonly string[],
): Promise<RegistryApplications | null> {
  const s = await layoutSchema(db, schemas);
  if (!s) return null;
  const q = quoteIdent(s);
  const rows = await db.query<{
    iin: string;
    office: string;
    applied_ms: number | string;
    birth_date: string;
    sex: string;
    subject_id: string;
  }>(
    `SELECT DISTINCT ON (a.iin) a.iin, a.office, (extract(epoch FROM a.created_at) * 1000)::float8 AS applied_ms,
            r.birth_date::text AS birth_date, r.sex, l.subject_id::text AS subject_id
       FROM ${q}.applications a
       JOIN ${q}.residents r ON r.iin = a.iin
       JOIN ${q}.subject_links l ON l.iin = a.iin
      WHERE a.status = 'enrolled'
      ORDER BY a.iin, a.created_at`,
  );
  return {
    source: `${s}.applications ⋈ ${s}.residents ⋈ ${s}.subject_links`,
    rows: rows
      .map((r) => ({
        personId: r.iin,
        birthDate: r.birth_date,
        sex: r.sex,
        psc: r.office,
        appliedAt: Math.round(Number(r.applied_ms)),
        subjectId: normaliseKey(r.subject_id),
      }))
      .sort((a, b) => a.appliedAt - b.appliedAt || a.personId.localeCompare(b.personId)),
  };
}
