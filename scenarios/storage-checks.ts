import type { Canary } from '../harness/leakage/canary.ts';
import { type CanaryHit, CanaryScanner } from '../harness/leakage/canary-scanner.ts';
import { inspectStorage, quoteIdent } from '../harness/leakage/storage-inspector.ts';
import type { DatabaseAccess } from '../harness/targets/certification-target.ts';

interface Table {
  table_schema: string;
  table_name: string;
}

async function tablesOf(access: DatabaseAccess): Promise<Table[]> {
  return access.db.query<Table & Record<string, unknown>>(
    `SELECT table_schema, table_name FROM information_schema.tables
      WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE'
      ORDER BY table_schema, table_name`,
    [[...access.schemas]],
  );
}

function nameOf(t: Table): string {
  return `${quoteIdent(t.table_schema)}.${quoteIdent(t.table_name)}`;
}

/**
 * Rows in every table of a store: whatever the target's schema, a story that must leave the vault
 * untouched sees any new row, in any table, as a write.
 */
export async function rowCount(access: DatabaseAccess): Promise<number> {
  let total = 0;
  for (const t of await tablesOf(access)) {
    const [r] = await access.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${nameOf(t)}`);
    total += Number(r.n);
  }
  return total;
}

/** Every row (as JSON text) of a store that holds `value` in any column. */
export async function rowsHolding(access: DatabaseAccess, value: string): Promise<string[]> {
  const out: string[] = [];
  for (const t of await tablesOf(access)) {
    const rows = await access.db.query<{ row: string }>(
      `SELECT row_to_json(t)::text AS row FROM ${nameOf(t)} t WHERE strpos(row_to_json(t)::text, $1) > 0`,
      [value],
    );
    out.push(...rows.map((r) => r.row));
  }
  return out;
}

export interface PiiSearch {
  hits: CanaryHit[];
  /** Tables or objects the connection could not read: a story says so rather than reading them as clean. */
  notInspected: string[];
}

/** Searches every table, column and large object of a store for the people's identifiers, in every encoding. */
export async function piiIn(access: DatabaseAccess, people: readonly Canary[]): Promise<PiiSearch> {
  const found = await inspectStorage(access.db, access.schemas, new CanaryScanner(people));
  return {
    hits: found.hits,
    notInspected: found.notInspected.map((n) => `${n.what}: ${n.reason}`),
  };
}

/** Where in an answer a role was given identifiers of these people (IIN, name, birth date, document). */
export function piiInText(text: string, people: readonly Canary[], where: string): CanaryHit[] {
  return new CanaryScanner(people).scanText(text, where);
}

/** Hits in words: field and encoding (never the value itself, so the report carries no PII). */
export function describeHits(hits: readonly CanaryHit[]): string[] {
  return [...new Set(hits.map((h) => `${h.field} (${h.encoding}) in ${h.location.replace(/ row .*/, '')}`))];
}
