import type { SqlClient } from '../../sim/storage/sql-client.ts';

interface ColumnRow extends Record<string, unknown> {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;

function quoteIdent(name: string): string {
  return IDENTIFIER.test(name) && name === name.toLowerCase() ? name : `"${name.replaceAll('"', '""')}"`;
}

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL as \N. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  return String(v)
    .replaceAll('\\', '\\\\')
    .replaceAll('\t', '\\t')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r');
}

/**
 * A plain-SQL dump of every table the connection can see in `schemas` — what a lab gets as "the
 * backup" when the target cannot hand over one made by pg_dump: CREATE TABLE with column types,
 * then each table's rows in COPY text form, sorted so that the same data dumps to the same bytes.
 * Every value is cast to text by the server, so bytea appears as \x… hex exactly as pg_dump writes it.
 */
export async function dumpSchemas(db: SqlClient, schemas: readonly string[]): Promise<string> {
  const out: string[] = ['-- dactylo plain-SQL dump', ''];
  for (const schema of schemas) {
    const columns = await db.query<ColumnRow>(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
      [schema],
    );
    const tables = new Map<string, ColumnRow[]>();
    for (const c of columns) tables.set(c.table_name, [...(tables.get(c.table_name) ?? []), c]);
    out.push(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)};`, '');
    for (const [table, cols] of tables) out.push(...(await dumpTable(db, schema, table, cols)));
  }
  return `${out.join('\n')}\n`;
}

async function dumpTable(db: SqlClient, schema: string, table: string, cols: ColumnRow[]): Promise<string[]> {
  const qualified = `${quoteIdent(schema)}.${quoteIdent(table)}`;
  const names = cols.map((c) => quoteIdent(c.column_name));
  const create = cols.map(
    (c) => `  ${quoteIdent(c.column_name)} ${c.data_type}${c.is_nullable === 'NO' ? ' NOT NULL' : ''}`,
  );
  const selectList = names.map((n, i) => `${n}::text AS c${i}`).join(', ');
  const order = names.map((n) => `${n}::text COLLATE "C"`).join(', ');
  const rows = await db.query(`SELECT ${selectList} FROM ${qualified} ORDER BY ${order}`);
  return [
    `CREATE TABLE ${qualified} (`,
    create.join(',\n'),
    ');',
    '',
    `COPY ${qualified} (${names.join(', ')}) FROM stdin;`,
    ...rows.map((r) => names.map((_, i) => copyValue(r[`c${i}`])).join('\t')),
    '\\.',
    '',
  ];
}
