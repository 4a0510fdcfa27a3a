import { createHash } from 'node:crypto';

/** What an audit entry says; the chain adds seq, prevHash and hash. */
export interface AuditRecord {
  at: string;
  actorId: string;
  role: string;
  action: string;
  purpose: string | null;
  caseReference: string | null;
  subjects: string[];
}

export interface ChainedAuditRecord extends AuditRecord {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Canonical text of an entry: fixed key order, JSON escaping, so the hash does not depend on the driver. */
export function canonicalEntry(seq: number, r: AuditRecord): string {
  return JSON.stringify([
    seq,
    r.at,
    r.actorId,
    r.role,
    r.action,
    r.purpose,
    r.caseReference,
    [...r.subjects],
  ]);
}

export function entryHash(prevHash: string, seq: number, r: AuditRecord): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalEntry(seq, r)}`)
    .digest('hex');
}

export interface ChainCheck {
  ok: boolean;
  entries: number;
  brokenAt?: number;
  reason?: string;
}

/**
 * Walks the chain from the first entry: a changed entry breaks its own hash, a deleted one leaves a
 * gap in seq and a prevHash that no longer matches, a reordered pair both. Truncating the tail is
 * invisible to the chain alone; the count is reported so that it can be compared with an anchor.
 */
export function checkChain(entries: readonly ChainedAuditRecord[]): ChainCheck {
  let prev = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const broken = (reason: string): ChainCheck => ({
      ok: false,
      entries: entries.length,
      brokenAt: e.seq,
      reason,
    });
    if (e.seq !== i + 1) return broken(`expected entry ${i + 1}, found ${e.seq}: an entry is missing`);
    if (e.prevHash !== prev) return broken('previous-hash link does not match the entry before');
    if (entryHash(prev, e.seq, e) !== e.hash) return broken('entry content does not match its hash');
    prev = e.hash;
  }
  return { ok: true, entries: entries.length };
}
