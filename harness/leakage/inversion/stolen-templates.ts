import { decodeIsoTemplate } from '../../../sim/matcher/iso19794-2.ts';
import type { SqlClient } from '../../../sim/storage/sql-client.ts';
import type { DatabaseAccess, InProcessHooks } from '../../targets/certification-target.ts';
import { quoteIdent } from '../storage-inspector.ts';

/** One row of the fingerprint database as a thief copies it: every column, bytes as bytes. */
export interface StoredRow {
  table: string;
  cells: Record<string, unknown>;
}

/** A template record recovered from a row, and the finger it is of. */
export interface StolenTemplate {
  record: Uint8Array;
  position: number | null;
  /** Where it came from: `schema.table.column` (never a value). */
  location: string;
}

async function tablesOf(db: SqlClient, schemas: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ table_schema: string; table_name: string }>(
    `SELECT table_schema, table_name FROM information_schema.tables
      WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY table_schema, table_name`,
    [[...schemas]],
  );
  return rows.map((r) => `${quoteIdent(r.table_schema)}.${quoteIdent(r.table_name)}`);
}

/** Every row of every table of the store (a fingerprint database is small next to its registry). */
export async function readStoredRows(access: DatabaseAccess): Promise<StoredRow[]> {
  const out: StoredRow[] = [];
  for (const table of await tablesOf(access.db, access.schemas)) {
    const rows = await access.db.query(`SELECT * FROM ${table}`);
    for (const cells of rows) out.push({ table: table.replaceAll('"', ''), cells });
  }
  return out;
}

/**
 * A digest of every row of the store, computed by the database (`md5` of the row's text form), so
 * that telling which rows an enrolment added costs one short read however large the store is.
 */
export async function rowDigests(access: DatabaseAccess): Promise<Set<string>> {
  const out = new Set<string>();
  for (const table of await tablesOf(access.db, access.schemas)) {
    const rows = await access.db.query<{ d: string }>(`SELECT md5(t::text) AS d FROM ${table} t`);
    for (const r of rows) out.add(`${table}\u0000${r.d}`);
  }
  return out;
}

/** The rows whose digests are in `now` but not in `before`: what happened in between wrote them. */
export async function rowsAdded(
  access: DatabaseAccess,
  before: ReadonlySet<string>,
  now: ReadonlySet<string>,
): Promise<StoredRow[]> {
  const added = new Map<string, string[]>();
  for (const key of now) {
    if (before.has(key)) continue;
    const [table, digest] = key.split('\u0000');
    added.set(table, [...(added.get(table) ?? []), digest]);
  }
  const out: StoredRow[] = [];
  for (const [table, digests] of [...added].sort(([a], [b]) => a.localeCompare(b))) {
    const rows = await access.db.query(
      `SELECT t.* FROM ${table} t WHERE md5(t::text) = ANY($1) ORDER BY md5(t::text)`,
      [digests],
    );
    for (const cells of rows) out.push({ table: table.replaceAll('"', ''), cells });
  }
  return out;
}

function bytesCells(row: StoredRow): [string, Uint8Array][] {
  return Object.entries(row.cells).filter((e): e is [string, Uint8Array] => e[1] instanceof Uint8Array);
}

/** Rows that can carry a template: those with a binary cell at least as long as a GCM tag and nonce. */
export function carriesTemplate(row: StoredRow): boolean {
  return bytesCells(row).some(([, v]) => v.length >= 28);
}

function positionOf(row: StoredRow, record: Uint8Array): number | null {
  try {
    const p = decodeIsoTemplate(record).position;
    if (p) return p;
  } catch {
    // Not decodable here: fall back to the row's own column.
  }
  const cell = Object.entries(row.cells).find(([name]) => /position|finger/i.test(name))?.[1];
  return typeof cell === 'number' ? cell : null;
}

function parsesAsIso(bytes: Uint8Array): boolean {
  try {
    return decodeIsoTemplate(bytes).minutiae.length > 0;
  } catch {
    return false;
  }
}

/** The bytes a cell may hold: itself if binary, else its hex (with or without `\\x`) or base64 decoding. */
function cellBytes(v: unknown): Uint8Array[] {
  if (v instanceof Uint8Array) return [v];
  if (typeof v !== 'string' || v.length < 32) return [];
  const hex = v.replace(/^\\x/, '');
  return [...(/^(?:[0-9a-f]{2})+$/i.test(hex) ? [Buffer.from(hex, 'hex')] : []), Buffer.from(v, 'base64')];
}

/** Templates readable without any key: binary, hex or base64 cells that parse as ISO/IEC 19794-2. */
export function clearTemplates(row: StoredRow): StolenTemplate[] {
  const out: StolenTemplate[] = [];
  for (const [name, v] of Object.entries(row.cells)) {
    const bytes = cellBytes(v).find(parsesAsIso);
    if (bytes)
      out.push({ record: bytes, position: positionOf(row, bytes), location: `${row.table}.${name}` });
  }
  return out;
}

/**
 * Templates the deployment's own key opens (in-process reference only): each binary cell, with a
 * 12-byte nonce cell of the row in front when there is one, bound to the row's subject and finger.
 */
export function decryptedTemplates(
  row: StoredRow,
  decrypt: InProcessHooks['decryptTemplate'],
): StolenTemplate[] {
  const subjectId = Object.entries(row.cells).find(([name]) => /subject/i.test(name))?.[1];
  const position = Object.entries(row.cells).find(([name]) => /position|finger/i.test(name))?.[1];
  if (typeof subjectId !== 'string' || typeof position !== 'number') return [];
  const cells = bytesCells(row);
  const nonce = cells.find(([, v]) => v.length === 12)?.[1];
  const out: StolenTemplate[] = [];
  for (const [name, v] of cells) {
    if (v.length < 28) continue;
    const stored = nonce ? Buffer.concat([nonce, v]) : v;
    const record = decrypt(stored, { subjectId, position });
    if (record && parsesAsIso(record)) out.push({ record, position, location: `${row.table}.${name}` });
  }
  return out;
}
