import type { SqlClient } from '../../sim/storage/sql-client.ts';
import type { StreamedEnrolment } from './enrolment-stream.ts';

/** What the databases hold for the acknowledged enrolments, read directly (not through the API). */
export interface LedgerCheck {
  acknowledged: number;
  /** Acknowledged enrolments missing from the registry or the vault, or present more than once. */
  problems: string[];
  /** Vault rows whose subject no committed registry link names (leftovers of failed attempts). */
  orphanVaultRows: number;
}

/**
 * Every acknowledged enrolment must be in the registry and the vault exactly once: one decided
 * application with the acknowledged id, one link to the subject, one document for the application,
 * and in the vault exactly the captured fingers at the linked generation, no other generation.
 */
export async function checkLedger(db: SqlClient, sent: readonly StreamedEnrolment[]): Promise<LedgerCheck> {
  const problems: string[] = [];
  const acknowledged = sent.filter((e) => e.acknowledgedAt !== null);
  for (const [k, e] of acknowledged.entries()) {
    const who = `acknowledged enrolment #${k} (application ${e.applicationId})`;
    const decided = await db.query<{ id: string }>(
      `SELECT id FROM registry.applications WHERE iin = $1 AND status = $2`,
      [e.iin, e.status],
    );
    if (decided.length !== 1 || decided[0].id !== e.applicationId)
      problems.push(
        `${who}: ${decided.length} '${e.status}' applications in the registry, expected exactly it`,
      );
    if (e.status !== 'enrolled') continue;
    const links = await db.query<{ subject_id: string; generation: number }>(
      'SELECT subject_id, generation FROM registry.subject_links WHERE iin = $1',
      [e.iin],
    );
    if (links.length !== 1) {
      problems.push(`${who}: no registry link to a subject`);
      continue;
    }
    const documents = await db.query('SELECT number FROM registry.documents WHERE application_id = $1', [
      e.applicationId,
    ]);
    if (documents.length !== 1) problems.push(`${who}: ${documents.length} documents issued, expected 1`);
    const rows = await db.query<{ position: number; generation: number }>(
      'SELECT position, generation FROM vault.templates WHERE subject_id = $1',
      [links[0].subject_id],
    );
    const current = rows.filter((r) => r.generation === links[0].generation).map((r) => Number(r.position));
    const expected = [...e.fingersCaptured].sort((a, b) => a - b);
    if (JSON.stringify(current.sort((a, b) => a - b)) !== JSON.stringify(expected))
      problems.push(
        `${who}: vault holds fingers [${current}] at the linked generation, expected [${expected}]`,
      );
    if (rows.length !== current.length)
      problems.push(`${who}: ${rows.length - current.length} vault rows of another generation`);
  }
  const orphans = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM vault.templates t
      WHERE NOT EXISTS (SELECT 1 FROM registry.subject_links l
                         WHERE l.subject_id = t.subject_id AND l.generation = t.generation)`,
  );
  return { acknowledged: acknowledged.length, problems, orphanVaultRows: Number(orphans[0].n) };
}
