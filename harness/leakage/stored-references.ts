import type { SqlClient } from '../../sim/storage/sql-client.ts';
import { quoteIdent } from './storage-inspector.ts';
import { normaliseKey } from './vault-attributes.ts';

/** One stored biometric reference cell, as the database holds it, with what decrypting it would need. */
export interface StoredReference {
  subjectId: string;
  position: number | null;
  stored: Uint8Array;
  /** The row's nonce, when the table keeps one beside the sealed bytes. */
  nonce: Uint8Array | null;
}

interface Column {
  table_schema: string;
  table_name: string;
  column_name: string;
  data_type: string;
}

/**
 * The biometric references of the given subjects: in the table whose key column holds their
 * identifiers, the binary column with the longest values (the template, sealed or not), with the
 * finger position and a nonce column when the table has them.
 */
export async function readStoredReferences(
  db: SqlClient,
  schemas: readonly string[],
  subjects: readonly string[],
): Promise<Map<string, StoredReference[]>> {
  const wanted = new Set(subjects.map(normaliseKey));
  const columns = await db.query<Column & Record<string, unknown>>(
    `SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = ANY($1) ORDER BY table_schema, table_name, ordinal_position`,
    [[...schemas]],
  );
  const tables = new Map<string, Column[]>();
  for (const c of columns) {
    const k = `${c.table_schema}.${c.table_name}`;
    tables.set(k, [...(tables.get(k) ?? []), c]);
  }
  for (const cols of tables.values()) {
    const from = `${quoteIdent(cols[0].table_schema)}.${quoteIdent(cols[0].table_name)}`;
    const binary = cols.filter((c) => c.data_type === 'bytea');
    if (binary.length === 0) continue;
    const rows = await db.query(
      `SELECT ${cols.map((c) => `${quoteIdent(c.column_name)}${c.data_type === 'bytea' ? '' : '::text'} AS ${quoteIdent(c.column_name)}`).join(', ')} FROM ${from}`,
    );
    const key = cols.find(
      (c) =>
        c.data_type !== 'bytea' && rows.some((r) => wanted.has(normaliseKey(String(r[c.column_name] ?? '')))),
    );
    if (!key) continue;
    const length = (c: Column) =>
      rows.reduce((s, r) => s + ((r[c.column_name] as Uint8Array | null)?.length ?? 0), 0);
    const sealed = binary.reduce((a, b) => (length(b) > length(a) ? b : a));
    const nonce = binary.find((c) => c !== sealed && /nonce|iv/i.test(c.column_name));
    const position = cols.find((c) => /position|finger/i.test(c.column_name) && c.data_type !== 'bytea');
    const out = new Map<string, StoredReference[]>();
    for (const r of rows) {
      const s = normaliseKey(String(r[key.column_name]));
      if (!wanted.has(s) || !r[sealed.column_name]) continue;
      out.set(s, [
        ...(out.get(s) ?? []),
        {
          subjectId: String(r[key.column_name]),
          position: position ? Number(r[position.column_name]) : null,
          stored: r[sealed.column_name] as Uint8Array,
          nonce: nonce ? ((r[nonce.column_name] as Uint8Array | null) ?? null) : null,
        },
      ]);
    }
    return out;
  }
  return new Map();
}

function shingles(bytes: Uint8Array): Set<number> {
  const s = new Set<number>();
  for (let i = 0; i + 4 <= bytes.length; i++)
    s.add(((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0);
  return s;
}

function jaccard(a: Set<number>, b: Set<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const x of small) if (large.has(x)) common++;
  const union = a.size + b.size - common;
  return union === 0 ? 0 : common / union;
}

/**
 * A comparison score of two people's stored references that needs no key and no matcher: for each
 * of A's cells the best Jaccard similarity of 4-byte shingles with one of B's cells of the same
 * finger, averaged. Identical or deterministically encrypted references score 1; sealed ones with
 * fresh nonces score as two random strings do.
 */
export function byteSimilarity(
  a: readonly Uint8Array[],
  b: readonly Uint8Array[],
  pos?: {
    a: readonly (number | null)[];
    b: readonly (number | null)[];
  },
): number {
  if (a.length === 0 || b.length === 0) return 0;
  const sb = b.map(shingles);
  let total = 0;
  for (const [i, x] of a.entries()) {
    const sx = shingles(x);
    let best = 0;
    for (const [j, y] of sb.entries())
      if (!pos || pos.a[i] === null || pos.a[i] === pos.b[j]) best = Math.max(best, jaccard(sx, y));
    total += best;
  }
  return total / a.length;
}
