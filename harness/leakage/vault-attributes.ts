import type { SqlClient } from '../../sim/storage/sql-client.ts';
import type { VaultRow } from './quasi-identifier-linkage.ts';
import { quoteIdent } from './storage-inspector.ts';

/** What the registry lets an attacker recognise a vault column by: the values its attributes take. */
export interface RegistryDomains {
  birthDates: ReadonlySet<string>;
  offices: ReadonlySet<string>;
}

export type AttributeKind = 'birthDate' | 'sex' | 'psc' | 'enrolledAt' | 'sequence';

export interface VaultAttributes {
  /** One row per stored subject, with every quasi-identifier the fingerprint database holds for it. */
  rows: VaultRow[];
  /** `schema.table.column` of the subject key (where the known subject identifiers were found). */
  keyColumns: string[];
  /** `schema.table.column` → what it was read as. */
  attributes: Record<string, AttributeKind>;
}

interface Column {
  table_schema: string;
  table_name: string;
  column_name: string;
  data_type: string;
}

/** Rows read per table: far beyond any certification run's vault, and a bound on a hostile one. */
const ROW_LIMIT = 200_000;
/** A column is read as a registry attribute when this share of its subjects' values are of that kind. */
const RECOGNISED_SHARE = 0.8;
/** A counter: distinct integers whose range is at most this many times their number. */
const DENSE_FACTOR = 4;
/** Fewer subjects than this cannot show a counter apart from chance. */
const MIN_SEQUENCE = 10;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

export function normaliseKey(v: string): string {
  return v.trim().toLowerCase().replace(/[{}-]/g, '');
}

function timestampMs(v: string): number {
  const iso = v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  return Date.parse(/[Zz]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`);
}

async function columnsOf(db: SqlClient, schemas: readonly string[]): Promise<Column[]> {
  return db.query<Column & Record<string, unknown>>(
    `SELECT c.table_schema, c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = ANY($1) AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_schema, c.table_name, c.ordinal_position`,
    [[...schemas]],
  );
}

/** Per subject, the one value a column holds for it; times and dates that vary take their earliest. */
function perSubject(rows: { key: string; value: string | null }[]): Map<string, string> | null {
  const values = new Map<string, Set<string>>();
  for (const r of rows) {
    if (r.value === null) continue;
    const s = values.get(r.key) ?? new Set<string>();
    s.add(r.value);
    values.set(r.key, s);
  }
  const out = new Map<string, string>();
  for (const [key, set] of values) {
    const vs = [...set].sort();
    if (vs.length > 1 && !vs.every((v) => DATE.test(v) || TIMESTAMP.test(v))) return null;
    out.set(key, vs[0]);
  }
  return out;
}

function share(values: readonly string[], test: (v: string) => boolean): number {
  return values.length === 0 ? 0 : values.filter(test).length / values.length;
}

/** A counter: integers (or hex identifiers read as numbers), all distinct, packed into a narrow range. */
export function asSequence(values: readonly string[]): Map<string, number> | null {
  if (values.length < MIN_SEQUENCE) return null;
  const numbers = values.map((v) => {
    if (/^-?\d{1,30}$/.test(v.trim())) return BigInt(v.trim());
    const h = normaliseKey(v);
    return /^[0-9a-f]{1,64}$/.test(h) ? BigInt(`0x${h}`) : null;
  });
  if (numbers.some((x) => x === null)) return null;
  const ns = numbers as bigint[];
  if (new Set(ns).size !== ns.length) return null;
  // BigInt has no Math.min/max: the ends of the sorted list.
  const sorted = [...ns].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (max - min + 1n > BigInt(DENSE_FACTOR * ns.length)) return null;
  return new Map(values.map((v, i) => [v, Number(ns[i] - min)]));
}

/** What a column of subject-level values is, judged as an attacker holding the registry would. */
export function classify(values: readonly string[], domains: RegistryDomains): AttributeKind | null {
  if (new Set(values).size < 2) return null;
  if (share(values, (v) => DATE.test(v)) === 1)
    return share(values, (v) => domains.birthDates.has(v)) >= RECOGNISED_SHARE ? 'birthDate' : 'enrolledAt';
  if (share(values, (v) => TIMESTAMP.test(v) && Number.isFinite(timestampMs(v))) === 1) return 'enrolledAt';
  if (share(values, (v) => /^(m|f|male|female)$/i.test(v.trim())) === 1) return 'sex';
  if (share(values, (v) => domains.offices.has(v.trim())) >= RECOGNISED_SHARE) return 'psc';
  return asSequence(values) ? 'sequence' : null;
}

function setAttribute(row: VaultRow, kind: AttributeKind, value: string, sequence: number | undefined): void {
  if (kind === 'birthDate') row.birthDate ??= value;
  else if (kind === 'sex') row.sex ??= value.trim().slice(0, 1).toUpperCase();
  else if (kind === 'psc') row.psc ??= value.trim();
  else if (kind === 'enrolledAt')
    row.enrolledAt ??= DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : timestampMs(value);
  else if (sequence !== undefined) row.sequence ??= sequence;
}

async function readTable(db: SqlClient, table: Column[]): Promise<Record<string, string | null>[]> {
  const readable = table.filter((c) => c.data_type !== 'bytea');
  const select = readable.map((c) => `${quoteIdent(c.column_name)}::text AS ${quoteIdent(c.column_name)}`);
  const from = `${quoteIdent(table[0].table_schema)}.${quoteIdent(table[0].table_name)}`;
  return db.query(`SELECT ${select.join(', ')} FROM ${from} LIMIT ${ROW_LIMIT}`) as Promise<
    Record<string, string | null>[]
  >;
}

/**
 * Reads the fingerprint database as a thief of it would, with the registry beside: finds the subject
 * key (the column that holds the subject identifiers the API revealed), and every other column that
 * holds, per subject, a birth date, a sex, an office, an enrolment time or a counter — including the
 * subject key itself when it is a counter.
 */
export async function readVaultAttributes(
  db: SqlClient,
  schemas: readonly string[],
  knownSubjects: readonly string[],
  domains: RegistryDomains,
): Promise<VaultAttributes> {
  const known = new Set(knownSubjects.map(normaliseKey));
  const tables = new Map<string, Column[]>();
  for (const c of await columnsOf(db, schemas)) {
    const key = `${c.table_schema}.${c.table_name}`;
    tables.set(key, [...(tables.get(key) ?? []), c]);
  }
  const bySubject = new Map<string, VaultRow>();
  const keyColumns: string[] = [];
  const attributes: Record<string, AttributeKind> = {};
  for (const [name, cols] of tables) {
    const rows = await readTable(db, cols);
    const key = cols.find((c) => {
      const seen = new Set(rows.map((r) => normaliseKey(String(r[c.column_name] ?? ''))));
      return [...known].filter((k) => seen.has(k)).length >= Math.max(1, known.size / 2);
    });
    if (!key) continue;
    keyColumns.push(`${name}.${key.column_name}`);
    const keyOf = (r: Record<string, string | null>) => normaliseKey(String(r[key.column_name]));
    for (const r of rows) {
      const k = keyOf(r);
      if (!bySubject.has(k)) bySubject.set(k, { subjectId: k });
    }
    for (const c of cols) {
      if (c.data_type === 'bytea') continue;
      const values =
        c === key
          ? new Map(rows.map((r) => [keyOf(r), String(r[c.column_name])]))
          : perSubject(rows.map((r) => ({ key: keyOf(r), value: r[c.column_name] })));
      if (!values) continue;
      const kind = classify([...values.values()], domains);
      if (!kind) continue;
      attributes[`${name}.${c.column_name}`] = kind;
      const sequence = kind === 'sequence' ? asSequence([...values.values()]) : null;
      for (const [k, v] of values) setAttribute(bySubject.get(k)!, kind, v, sequence?.get(v));
    }
  }
  return { rows: [...bySubject.values()], keyColumns, attributes };
}
