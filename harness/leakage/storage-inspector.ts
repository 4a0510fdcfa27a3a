import type { SqlClient } from '../../sim/storage/sql-client.ts';
import type { CanaryHit, CanaryScanner } from './canary-scanner.ts';

/** What a storage inspection saw, found, and could not look at (which must never read as clean). */
export interface StorageInspection {
  tables: number;
  columns: number;
  rows: number;
  largeObjects: number;
  hits: CanaryHit[];
  notInspected: { what: string; reason: string }[];
}

interface Column {
  table_schema: string;
  table_name: string;
  column_name: string;
  data_type: string;
}

const PAGE = 500;

/** Sees every non-null cell as read (text form, or raw bytes for bytea): e.g. to collect digest-shaped values. */
export type CellVisitor = (value: string | Uint8Array, location: string) => void;

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
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

function asBytes(v: unknown): Uint8Array | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Uint8Array) return v;
  return Buffer.from(String(v), 'utf8');
}

/** Every row of one table, page by page in physical order (keyset on ctid), every column scanned. */
async function inspectTable(
  db: SqlClient,
  schema: string,
  table: string,
  columns: Column[],
  scanner: CanaryScanner,
  out: StorageInspection,
  onCell?: CellVisitor,
): Promise<void> {
  // bytea stays raw (decoded by the scanner); every other type is read as PostgreSQL's text form.
  const select = columns
    .map((c, i) => `${quoteIdent(c.column_name)}${c.data_type === 'bytea' ? '' : '::text'} AS c${i}`)
    .join(', ');
  const from = `${quoteIdent(schema)}.${quoteIdent(table)}`;
  let after = '(0,0)';
  for (;;) {
    const rows = await db.query(
      // The alias must not be "ctid": ORDER BY would then sort the text form, (46,10) before (46,5).
      `SELECT ctid::text AS row_ctid, ${select} FROM ${from} WHERE ctid > $1::tid ORDER BY ctid LIMIT ${PAGE}`,
      [after],
    );
    for (const row of rows) {
      for (const [i, c] of columns.entries()) {
        const value = row[`c${i}`];
        const bytes = asBytes(value);
        if (!bytes) continue;
        const location = `${schema}.${table}.${c.column_name} row ${row.row_ctid}`;
        out.hits.push(...scanner.scan(bytes, location));
        onCell?.(value instanceof Uint8Array ? value : String(value), location);
      }
    }
    out.rows += rows.length;
    if (rows.length < PAGE) return;
    after = String(rows[rows.length - 1].row_ctid);
  }
}

async function inspectLargeObjects(
  db: SqlClient,
  scanner: CanaryScanner,
  out: StorageInspection,
  onCell?: CellVisitor,
): Promise<void> {
  try {
    const oids = await db.query<{ oid: string }>(
      'SELECT oid::text AS oid FROM pg_largeobject_metadata ORDER BY oid',
    );
    for (const { oid } of oids) {
      const [row] = await db.query<{ data: Uint8Array }>('SELECT lo_get($1::oid) AS data', [oid]);
      if (row?.data) {
        out.hits.push(...scanner.scan(row.data, `large object ${oid}`));
        onCell?.(row.data, `large object ${oid}`);
      }
      out.largeObjects++;
    }
  } catch (e) {
    out.notInspected.push({ what: 'large objects', reason: (e as Error).message });
  }
}

/**
 * Searches every table and column of the given schemas, and the database's large objects, for the
 * scanner's canaries. A table the connection may not read is listed in `notInspected`, not skipped.
 */
export async function inspectStorage(
  db: SqlClient,
  schemas: readonly string[],
  scanner: CanaryScanner,
  onCell?: CellVisitor,
): Promise<StorageInspection> {
  const out: StorageInspection = {
    tables: 0,
    columns: 0,
    rows: 0,
    largeObjects: 0,
    hits: [],
    notInspected: [],
  };
  const columns = await columnsOf(db, schemas);
  const tables = new Map<string, Column[]>();
  for (const c of columns) {
    const key = `${c.table_schema}.${c.table_name}`;
    tables.set(key, [...(tables.get(key) ?? []), c]);
  }
  for (const s of schemas)
    if (![...tables.keys()].some((k) => k.startsWith(`${s}.`)))
      out.notInspected.push({ what: `schema ${s}`, reason: 'no tables visible to this connection' });
  for (const [key, cols] of tables) {
    try {
      await inspectTable(db, cols[0].table_schema, cols[0].table_name, cols, scanner, out, onCell);
      out.tables++;
      out.columns += cols.length;
    } catch (e) {
      out.notInspected.push({ what: `table ${key}`, reason: (e as Error).message });
    }
  }
  await inspectLargeObjects(db, scanner, out, onCell);
  return out;
}
