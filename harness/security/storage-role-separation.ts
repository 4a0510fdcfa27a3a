import type { SuiteEvidence } from '../certify/certification-suite.ts';
import type { DatabaseAccess } from '../targets/certification-target.ts';
import { evidence, qualified, type SecurityRun, tablesOf } from './security-fixtures.ts';

const TEST = 'security/storage-role-separation';

interface Probe {
  connection: 'fingerprint database' | 'identity registry';
  table: string;
  readable: boolean;
  answer: string;
}

/** A SELECT of one row of each of `other`'s tables through `own`'s connection. */
async function crossReads(
  own: DatabaseAccess,
  other: DatabaseAccess,
  connection: Probe['connection'],
): Promise<Probe[]> {
  const probes: Probe[] = [];
  for (const { schema, table } of await tablesOf(other)) {
    const name = qualified(schema, table);
    try {
      await own.db.query(`SELECT * FROM ${name} LIMIT 1`);
      probes.push({ connection, table: name, readable: true, answer: 'rows returned' });
    } catch (e) {
      const code = (e as { code?: string }).code;
      probes.push({
        connection,
        table: name,
        readable: false,
        answer: code ? `refused (${code})` : 'refused',
      });
    }
  }
  return probes;
}

/**
 * SEC-ACL-04: the fingerprint database's connection reads none of the identity registry's tables
 * (people, documents, the subject links, the audit log), and the registry's none of the vault's.
 * Tables are listed through each store's own connection, so every one is tried.
 */
export async function storageRoleSeparation(run: SecurityRun): Promise<SuiteEvidence[]> {
  const vault = run.target.fingerprintDatabase;
  const registry = run.target.identityRegistry;
  if (!vault || !registry)
    return [
      evidence.skipped(
        TEST,
        'both storage connections are needed',
        'the target gives the lab no connection to the fingerprint database or to the identity registry',
      ),
    ];
  const probes = [
    ...(await crossReads(vault, registry, 'fingerprint database')),
    ...(await crossReads(registry, vault, 'identity registry')),
  ];
  if (probes.length === 0)
    return [evidence.error(TEST, 'no tables to probe', 'neither connection lists any table in its schemas')];
  const readable = probes.filter((p) => p.readable);
  const details = { probes };
  if (readable.length > 0)
    return [
      evidence.fail(
        TEST,
        `${readable.length} of ${probes.length} cross-store reads succeeded: ${readable
          .slice(0, 5)
          .map((p) => `${p.connection} read ${p.table}`)
          .join('; ')}`,
        { details },
      ),
    ];
  return [
    evidence.pass(
      TEST,
      `${probes.length} cross-store reads refused (vault → ${probes.filter((p) => p.connection === 'fingerprint database').length} registry tables, registry → ${probes.filter((p) => p.connection === 'identity registry').length} vault tables)`,
      { details },
    ),
  ];
}
