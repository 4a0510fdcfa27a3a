import type { DatabaseAccess } from '../targets/certification-target.ts';
import { qualified } from './security-fixtures.ts';

/** How many cells an inspection reads (enough for the statistics; deterministic order). */
export const SAMPLE_CELLS = 400;

/** One stored template cell with what the row says about it. */
export interface TemplateCell {
  cell: Uint8Array;
  /** A 96-bit nonce stored beside it in the same row, when the row has one. */
  nonce: Uint8Array | null;
  /** The row's other columns as text (subject and position, for the in-process AAD). */
  row: Record<string, string | null>;
}

export interface TemplateColumn {
  table: string;
  column: string;
  nonceColumn: string | null;
  cells: TemplateCell[];
}

interface BinaryColumn {
  schema: string;
  table: string;
  column: string;
}

function bytes(v: unknown): Uint8Array | null {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string' && v.startsWith('\\x')) return Buffer.from(v.slice(2), 'hex');
  return null;
}

/** Every bytea column of the store's schemas. */
export async function binaryColumns(access: DatabaseAccess): Promise<BinaryColumn[]> {
  const rows = await access.db.query<{ s: string; t: string; c: string }>(
    `SELECT c.table_schema AS s, c.table_name AS t, c.column_name AS c FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = ANY($1::text[]) AND c.data_type = 'bytea' AND t.table_type = 'BASE TABLE'
      ORDER BY 1, 2, 3`,
    [access.schemas],
  );
  return rows.map((r) => ({ schema: String(r.s), table: String(r.t), column: String(r.c) }));
}

async function meanLength(access: DatabaseAccess, c: BinaryColumn): Promise<number> {
  const [r] = await access.db.query<{ m: number | null }>(
    `SELECT avg(length("${c.column}"))::float8 AS m FROM ${qualified(c.schema, c.table)}`,
  );
  return Number(r.m ?? 0);
}

/**
 * The column that holds the templates: of all binary columns, the one with the longest cells on
 * average (templates are hundreds of bytes; nonces, tags and key ids are short), with a 12-byte
 * column of the same table taken as its nonce. Null when the store has no binary cell of 32+ bytes.
 */
export async function storedTemplates(access: DatabaseAccess): Promise<TemplateColumn | null> {
  const columns = await binaryColumns(access);
  let best: { c: BinaryColumn; mean: number } | null = null;
  const means = new Map<BinaryColumn, number>();
  for (const c of columns) {
    const mean = await meanLength(access, c);
    means.set(c, mean);
    if (mean >= 32 && (!best || mean > best.mean)) best = { c, mean };
  }
  if (!best) return null;
  const { c } = best;
  const nonce = columns.find(
    (o) => o.schema === c.schema && o.table === c.table && o.column !== c.column && means.get(o) === 12,
  );
  const rows = await access.db.query<Record<string, unknown>>(
    `SELECT * FROM ${qualified(c.schema, c.table)} WHERE "${c.column}" IS NOT NULL
      ORDER BY md5("${c.column}") LIMIT ${SAMPLE_CELLS}`,
  );
  const cells: TemplateCell[] = [];
  for (const r of rows) {
    const cell = bytes(r[c.column]);
    if (!cell) continue;
    const row: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(r))
      if (!(v instanceof Uint8Array)) row[k] = v === null || v === undefined ? null : String(v);
    cells.push({ cell, nonce: nonce ? bytes(r[nonce.column]) : null, row });
  }
  return { table: qualified(c.schema, c.table), column: c.column, nonceColumn: nonce?.column ?? null, cells };
}
