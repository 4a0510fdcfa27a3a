import { createHash } from 'node:crypto';
import type { SqlClient } from '../storage/sql-client.ts';

/** Canonical JSON: sorted keys, bytes as base64, so equal requests hash equal whatever their key order. */
function canonical(v: unknown): unknown {
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('base64') };
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v as object)
        .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** SHA-256 of the operation and its canonical body: what "the same request" means for a key. */
export function requestHash(operation: string, body: unknown): string {
  return createHash('sha256')
    .update(operation)
    .update('\u0000')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
}

export interface IdempotencyRecord {
  key: string;
  operation: string;
  requestHash: string;
  state: 'in-progress' | 'done';
  applicationId: string | null;
  result: unknown;
}

export const idempotency = {
  async get(db: SqlClient, key: string): Promise<IdempotencyRecord | null> {
    const [r] = await db.query<{
      key: string;
      operation: string;
      request_hash: string;
      state: 'in-progress' | 'done';
      application_id: string | null;
      result: unknown;
    }>(
      'SELECT key, operation, request_hash, state, application_id, result FROM registry.idempotency WHERE key = $1',
      [key],
    );
    return r
      ? {
          key: r.key,
          operation: r.operation,
          requestHash: r.request_hash,
          state: r.state,
          applicationId: r.application_id,
          result: r.result,
        }
      : null;
  },

  async claim(
    tx: SqlClient,
    r: { key: string; operation: string; requestHash: string; applicationId: string | null },
    now: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO registry.idempotency (key, operation, request_hash, state, application_id, created_at)
       VALUES ($1, $2, $3, 'in-progress', $4, $5)
       ON CONFLICT (key) DO NOTHING`,
      [r.key, r.operation, r.requestHash, r.applicationId, now],
    );
  },

  async complete(tx: SqlClient, key: string, result: unknown): Promise<void> {
    await tx.query(`UPDATE registry.idempotency SET state = 'done', result = $2 WHERE key = $1`, [
      key,
      JSON.stringify(result),
    ]);
  },
};
