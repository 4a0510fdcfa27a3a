import type { SqlClient } from '../../sim/storage/sql-client.ts';
import type { SuiteEvidence } from '../certify/certification-suite.ts';
import type { CertificationTarget, DatabaseAccess } from '../targets/certification-target.ts';
import type { AuditChainVerification, AuditEntry } from '../targets/reference-api-types.ts';
import { chainShapeProblems, exportAuditEntries } from './audit-export.ts';
import { answer, evidence, qualified, rawClient, type SecurityRun, tablesOf } from './security-fixtures.ts';

const TEST = 'security/audit-tamper';

/**
 * The owner's connection to the identity registry, where the target offers one (the in-process
 * reference; a lab would get it on a restored copy of a vendor's registry run by the vendor's
 * software).
 */
export function ownerDatabase(target: CertificationTarget): SqlClient | null {
  return target.hooks?.ownerDatabase ?? null;
}

/** Where the audit entries live: the table and the columns holding an entry's hash and purpose. */
interface AuditCell {
  table: string;
  hashColumn: string;
  purposeColumn: string;
}

/** Finds the row of `entry` by its hash in any text column of the registry's schemas. */
async function locate(db: SqlClient, registry: DatabaseAccess, entry: AuditEntry): Promise<AuditCell | null> {
  for (const { schema, table } of await tablesOf(registry)) {
    const columns = await db.query<{ c: string }>(
      `SELECT column_name AS c FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = $2 AND data_type IN ('text', 'character varying')`,
      [schema, table],
    );
    const name = qualified(schema, table);
    for (const { c } of columns) {
      const [hit] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${name} WHERE "${c}" = $1`,
        [entry.hash],
      );
      if (Number(hit.n) !== 1) continue;
      for (const { c: p } of columns) {
        const [same] = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${name} WHERE "${c}" = $1 AND "${p}" = $2`,
          [entry.hash, entry.purpose ?? ''],
        );
        if (Number(same.n) === 1 && p !== c) return { table: name, hashColumn: c, purposeColumn: p };
      }
    }
  }
  return null;
}

/**
 * Sets the purpose of one entry as its owner would: the append-only trigger is bypassed the way an
 * insider with owner rights can (replication role, else disabling user triggers in the same
 * transaction), and the change is committed so that the target's verifier sees it.
 */
async function rewrite(db: SqlClient, cell: AuditCell, hash: string, purpose: string): Promise<void> {
  const update = `UPDATE ${cell.table} SET "${cell.purposeColumn}" = $1 WHERE "${cell.hashColumn}" = $2`;
  try {
    await db.transaction(async (tx) => {
      await tx.exec('SET LOCAL session_replication_role = replica');
      await tx.query(update, [purpose, hash]);
    });
  } catch {
    await db.transaction(async (tx) => {
      await tx.exec(`ALTER TABLE ${cell.table} DISABLE TRIGGER USER`);
      await tx.query(update, [purpose, hash]);
      await tx.exec(`ALTER TABLE ${cell.table} ENABLE TRIGGER USER`);
    });
  }
}

async function verifyChain(run: SecurityRun): Promise<AuditChainVerification> {
  const r = await rawClient(run.target, 'auditor').verifyAuditChain();
  if (r.status !== 200) throw new Error(`verifyAuditChain answered ${answer(r)}`);
  return r.body as AuditChainVerification;
}

/**
 * SEC-AUD-02. First what the export shows (a real chain links each entry to its predecessor's hash,
 * with distinct hashes); then, where the target gives an owner connection, the attack itself: one
 * entry's purpose is changed in storage, the target's own chain verification must report the break
 * (at or before that entry), and after the change is undone it must report the chain intact again.
 */
export async function auditTamper(run: SecurityRun, victimCase: string): Promise<SuiteEvidence[]> {
  const entries = await exportAuditEntries(run.target);
  const shape = chainShapeProblems(entries);
  if (shape.length > 0)
    return [
      evidence.fail(TEST, `the exported audit log is not a hash chain: ${shape.join('; ')}`, {
        details: { entries: entries.length, shape },
      }),
    ];
  const owner = ownerDatabase(run.target);
  const registry = run.target.identityRegistry;
  if (!owner || !registry)
    return [
      evidence.skipped(
        TEST,
        `the exported chain is well formed (${entries.length} entries), but no entry could be changed`,
        'changing an entry needs owner rights on the identity registry (or on a restored copy the target’s software runs on); the target gives the lab read-only access',
        { details: { entries: entries.length } },
      ),
    ];
  const victim = entries.find((e) => e.caseReference === victimCase);
  if (!victim) throw new Error(`no audit entry with case reference ${victimCase} to change`);
  const before = await verifyChain(run);
  if (!before.ok)
    return [
      evidence.error(
        TEST,
        'the chain was reported broken before any change',
        before.reason ?? `broken at ${before.brokenAt}`,
      ),
    ];
  const cell = await locate(owner, registry, victim);
  if (!cell) throw new Error(`entry ${victim.seq} was not found by its hash in the registry's tables`);
  await rewrite(owner, cell, victim.hash, `${victim.purpose ?? ''} (edited)`);
  let tampered: AuditChainVerification;
  try {
    tampered = await verifyChain(run);
  } finally {
    await rewrite(owner, cell, victim.hash, victim.purpose ?? '');
  }
  const restored = await verifyChain(run);
  const details = {
    changedSeq: Number(victim.seq),
    table: cell.table,
    afterChange: { ok: tampered.ok, brokenAt: tampered.brokenAt ?? null },
    afterRestore: { ok: restored.ok },
  };
  if (tampered.ok)
    return [
      evidence.fail(
        TEST,
        `entry ${victim.seq}'s purpose was changed in storage and the chain check still answered intact`,
        {
          details,
        },
      ),
    ];
  if (tampered.brokenAt !== undefined && tampered.brokenAt > Number(victim.seq))
    return [
      evidence.fail(
        TEST,
        `the change of entry ${victim.seq} was reported only at entry ${tampered.brokenAt}`,
        { details },
      ),
    ];
  if (!restored.ok)
    return [
      evidence.error(
        TEST,
        'the chain stayed broken after the change was undone',
        'the detection cannot be told from a verifier that always fails',
        {
          details,
        },
      ),
    ];
  return [
    evidence.pass(
      TEST,
      `changing entry ${victim.seq} in storage was reported by the chain check (broken at ${tampered.brokenAt ?? 'an unnamed entry'}); undone, the chain verified again`,
      { details },
    ),
  ];
}
