import type { CertificationTarget } from '../targets/certification-target.ts';
import type { AuditEntry, AuditExport } from '../targets/reference-api-types.ts';
import { answer, rawClient } from './security-fixtures.ts';

const PAGE = 1000;
const MAX_PAGES = 10_000;

/** Every audit entry after `after` (all of them by default), through the auditor's paged export. */
export async function exportAuditEntries(target: CertificationTarget, after?: number): Promise<AuditEntry[]> {
  const auditor = rawClient(target, 'auditor');
  const out: AuditEntry[] = [];
  let cursor = after;
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await auditor.exportAudit({ ...(cursor === undefined ? {} : { after: cursor }), limit: PAGE });
    if (r.status !== 200) throw new Error(`the auditor's audit export answered ${answer(r)}`);
    const body = r.body as AuditExport;
    if (!Array.isArray(body.entries)) throw new Error('the audit export has no entries array');
    out.push(...body.entries);
    if (body.next === undefined || body.next === null || body.entries.length === 0) return out;
    cursor = body.next;
  }
  throw new Error(`the audit export did not end after ${MAX_PAGES} pages`);
}

/** The highest sequence number in the audit log now (0 when it is empty). */
export async function lastAuditSeq(target: CertificationTarget): Promise<number> {
  const entries = await exportAuditEntries(target);
  return entries.reduce((m, e) => Math.max(m, Number(e.seq)), 0);
}

/**
 * What the export itself shows about the chain: each entry's prevHash is its predecessor's hash,
 * hashes are distinct and none equals its own prevHash. A log with placeholder or repeated hashes
 * is not a hash chain, whatever its verifier says.
 */
export function chainShapeProblems(entries: readonly AuditEntry[]): string[] {
  const problems: string[] = [];
  const sorted = [...entries].sort((a, b) => Number(a.seq) - Number(b.seq));
  for (let i = 1; i < sorted.length; i++) {
    const [p, e] = [sorted[i - 1], sorted[i]];
    if (Number(e.seq) === Number(p.seq) + 1 && e.prevHash !== p.hash)
      problems.push(`entry ${e.seq}: prevHash is not entry ${p.seq}'s hash`);
  }
  const distinct = new Set(sorted.map((e) => e.hash)).size;
  if (distinct < sorted.length)
    problems.push(`${sorted.length} entries carry only ${distinct} distinct hashes`);
  const selfLinked = sorted.filter((e) => e.hash === e.prevHash).length;
  if (selfLinked > 0) problems.push(`${selfLinked} entries have hash = prevHash`);
  return problems.slice(0, 5);
}
