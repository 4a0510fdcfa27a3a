import type { PlantedFlaw } from '../reference/planted-flaws.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import {
  type AuditRecord,
  type ChainCheck,
  type ChainedAuditRecord,
  checkChain,
  entryHash,
  GENESIS_HASH,
} from './audit-chain.ts';

const APPEND_LOCK = 0x61756474; // "audt": one appender at a time, or two entries would share a predecessor

interface Row extends Record<string, unknown> {
  seq: number;
  at: Date | string;
  actor_id: string;
  role: string;
  action: string;
  purpose: string | null;
  case_reference: string | null;
  subjects: string[];
  prev_hash: string;
  hash: string;
}

/**
 * Appends one entry inside the caller's transaction, so an action and its audit entry commit
 * together or not at all. `at` is stored as text-exact ISO so the hash recomputes byte for byte.
 */
export async function appendAudit(
  tx: SqlClient,
  record: AuditRecord,
  flaws: ReadonlySet<PlantedFlaw> = new Set(),
): Promise<ChainedAuditRecord> {
  return tx.transaction(async (t) => {
    await t.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
    const [last] = await t.query<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit.entries ORDER BY seq DESC LIMIT 1',
    );
    const seq = (last ? Number(last.seq) : 0) + 1;
    // PLANTED FLAW audit-chain-breakable: placeholders "for the nightly sealing job", which never runs.
    const unchained = flaws.has('audit-chain-breakable');
    const prevHash = unchained ? UNSEALED : (last?.hash ?? GENESIS_HASH);
    const hash = unchained ? UNSEALED : entryHash(prevHash, seq, record);
    await t.query(
      `INSERT INTO audit.entries (seq, at, actor_id, role, action, purpose, case_reference, subjects, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        seq,
        record.at,
        record.actorId,
        record.role,
        record.action,
        record.purpose,
        record.caseReference,
        record.subjects,
        prevHash,
        hash,
      ],
    );
    return { ...record, seq, prevHash, hash };
  });
}

function fromRow(r: Row): ChainedAuditRecord {
  return {
    seq: Number(r.seq),
    at: r.at instanceof Date ? r.at.toISOString() : new Date(r.at).toISOString(),
    actorId: r.actor_id,
    role: r.role,
    action: r.action,
    purpose: r.purpose,
    caseReference: r.case_reference,
    subjects: r.subjects ?? [],
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export async function readAudit(
  db: SqlClient,
  range: { fromSeq?: number; toSeq?: number } = {},
): Promise<ChainedAuditRecord[]> {
  const rows = await db.query<Row>('SELECT * FROM audit.entries WHERE seq >= $1 AND seq <= $2 ORDER BY seq', [
    range.fromSeq ?? 1,
    range.toSeq ?? Number.MAX_SAFE_INTEGER,
  ]);
  return rows.map(fromRow);
}

/** What the planted unchained appender writes in place of both hashes. */
const UNSEALED = GENESIS_HASH;

export async function verifyAudit(
  db: SqlClient,
  flaws: ReadonlySet<PlantedFlaw> = new Set(),
): Promise<ChainCheck> {
  const entries = await readAudit(db);
  if (!flaws.has('audit-chain-breakable')) return checkChain(entries);
  // PLANTED FLAW audit-chain-breakable: entries not yet "sealed" are passed over, so with every
  // entry unsealed the check has nothing to check and answers intact.
  const sealed = entries.filter((e) => e.hash !== UNSEALED);
  return { ...checkChain(sealed), entries: entries.length };
}
