import type { SqlClient } from '../../sim/storage/sql-client.ts';
import type { Evidence } from '../requirements/evidence.ts';
import { type AttackOutcome, attackOutcome, type LeakageAttack } from './attack.ts';
import type { Canary } from './canary.ts';
import { type CanaryHit, CanaryScanner } from './canary-scanner.ts';
import { type CellVisitor, inspectStorage, type StorageInspection } from './storage-inspector.ts';
import { inspectTexts, type TextSource } from './text-inspector.ts';

export const CANARY_STORAGE: LeakageAttack = {
  id: 'leakage/canary-storage',
  requirement: 'DEP-PII-01',
  title: 'Canaries in the fingerprint database',
};
export const CANARY_TEXT: LeakageAttack = {
  id: 'leakage/canary-text',
  requirement: 'DEP-PII-02',
  title: 'Canaries in logs, metrics, error bodies and headers',
};
export const CANARY_DUMP: LeakageAttack = {
  id: 'leakage/canary-dump',
  requirement: 'DEP-PII-03',
  title: 'Canaries in the database dump',
};

export interface CanaryResult {
  attack: LeakageAttack;
  hits: CanaryHit[];
  /** Canaries found at least once, of all canaries enrolled: the attack's success rate. */
  outcome: AttackOutcome;
  evidence: Evidence;
}

const MAX_LISTED_HITS = 50;

function result(
  attack: LeakageAttack,
  canaries: number,
  hits: CanaryHit[],
  scope: string,
  notInspected: { what: string; reason: string }[] = [],
): CanaryResult {
  const found = new Set(hits.map((h) => h.canary)).size;
  const outcome = attackOutcome(attack, found, canaries);
  const fields = [...new Set(hits.map((h) => `${h.field} (${h.encoding})`))].slice(0, 8).join(', ');
  const summary =
    hits.length === 0
      ? `no trace of ${canaries} canaries in ${scope}`
      : `${hits.length} hits of ${found} of ${canaries} canaries in ${scope}: ${fields}`;
  const details = { hits: hits.slice(0, MAX_LISTED_HITS), hitsTotal: hits.length, notInspected };
  const evidence: Evidence =
    notInspected.length > 0 && hits.length === 0
      ? {
          test: attack.id,
          outcome: 'error',
          summary,
          reason: `not inspected: ${notInspected.map((n) => `${n.what} (${n.reason})`).join('; ')}`,
          details,
        }
      : {
          test: attack.id,
          outcome: 'measured',
          summary,
          measurements: {
            canaryHits: { value: hits.length, unit: 'hits' },
            canariesFound: { value: outcome.successRate ?? Number.NaN, errors: found, trials: canaries },
          },
          details,
        };
  return { attack, hits, outcome, evidence };
}

/** Enrolled canaries searched in every table and column of the given schemas (DEP-PII-01). */
export async function storageCanaries(
  db: SqlClient,
  schemas: readonly string[],
  canaries: readonly Canary[],
  onCell?: CellVisitor,
): Promise<CanaryResult & { inspection: StorageInspection }> {
  const inspection = await inspectStorage(db, schemas, new CanaryScanner(canaries), onCell);
  const scope = `${inspection.tables} tables, ${inspection.columns} columns, ${inspection.rows} rows, ${inspection.largeObjects} large objects of ${schemas.join(', ')}`;
  return {
    ...result(CANARY_STORAGE, canaries.length, inspection.hits, scope, inspection.notInspected),
    inspection,
  };
}

/** Enrolled canaries searched in logs, metrics, error bodies and headers (DEP-PII-02), or a dump (DEP-PII-03). */
export function textCanaries(
  sources: readonly TextSource[],
  canaries: readonly Canary[],
  attack: LeakageAttack = CANARY_TEXT,
): CanaryResult {
  const hits = inspectTexts(sources, new CanaryScanner(canaries));
  // Lines, not bytes: a log line's duration field changes its length run to run, never the line count.
  const lines = sources.reduce((n, x) => n + countLines(x.content), 0);
  if (sources.length === 0) {
    const r = result(attack, canaries.length, hits, 'no sources', [
      { what: 'text sources', reason: 'none given' },
    ]);
    return r;
  }
  return result(attack, canaries.length, hits, `${sources.length} sources (${lines} lines)`);
}

function countLines(content: string | Uint8Array): number {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let n = bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a ? 1 : 0;
  for (const b of bytes) if (b === 0x0a) n++;
  return n;
}
