import { registry } from '../registry/registry-store.ts';
import type { SqlClient } from '../storage/sql-client.ts';

export interface ConsistencyReport {
  ok: boolean;
  /** One line per problem, naming pseudonymous ids only. */
  problems: string[];
  links: number;
  vaultSubjects: number;
}

/**
 * Checks the invariant the two-phase enrolment keeps once recovery has run: every registry link
 * names a vault capture with exactly its fingers, the vault holds nothing else, and no intent or
 * pending application is left over. Reads each schema through its own domain's client.
 */
export async function checkConsistency(
  registryDb: SqlClient,
  vaultDb: SqlClient,
): Promise<ConsistencyReport> {
  const problems: string[] = [];
  const links = await registry.links(registryDb);
  const rows = await vaultDb.query<{ subject_id: string; generation: number; position: number }>(
    'SELECT subject_id, generation, position FROM vault.templates',
  );
  const stored = new Map<string, number[]>();
  for (const r of rows) {
    const k = `${r.subject_id}/${r.generation}`;
    stored.set(k, [...(stored.get(k) ?? []), Number(r.position)]);
  }
  for (const l of links) {
    const k = `${l.subjectId}/${l.generation}`;
    const have = (stored.get(k) ?? []).sort((a, b) => a - b);
    const want = [...l.fingers].sort((a, b) => a - b);
    if (have.join() !== want.join())
      problems.push(`subject ${l.subjectId}: vault holds fingers [${have}] of [${want}]`);
    stored.delete(k);
  }
  for (const k of stored.keys()) problems.push(`vault capture ${k} has no registry link`);
  for (const i of await registry.intents(registryDb))
    problems.push(`application ${i.applicationId}: vault intent not resolved`);
  const pending = await registryDb.query<{ id: string }>(
    "SELECT id FROM registry.applications WHERE status = 'pending'",
  );
  for (const p of pending) problems.push(`application ${p.id}: still pending`);
  const subjects = new Set(rows.map((r) => r.subject_id));
  return { ok: problems.length === 0, problems, links: links.length, vaultSubjects: subjects.size };
}
