/**
 * A reference system in a process of its own that enrols one synthetic resident and kills itself
 * with SIGKILL after a named step: the crash test's subject (enrolment-kill.slow.test.ts).
 * Usage: node --import tsx crash-child.ts DATABASE STEP KEY RESIDENT-INDEX, key material in
 * DACTYLO_CHILD_KEY as id:hex (the parent holds the same key, as a KMS would).
 */
import { population, type Resident } from '../population/index.ts';
import { MemoryKeyProvider } from '../vault/key-provider.ts';
import { openReferenceDatabases } from './reference-databases.ts';
import { createReferenceSystem, ENROL_STEPS, type EnrolStep } from './reference-system.ts';
import { syntheticEnrolRequest } from './synthetic-applicants.ts';

export const CHILD_SEED = 'reference-kill-test';
export const CHILD_AS_OF = '2025-06-01';

/** The i-th adult with ten capturable fingers of the crash test's population: always a full enrolment. */
export function childResident(i: number): Resident {
  const adults = [...population({ seed: CHILD_SEED, count: 100, asOf: CHILD_AS_OF })].filter(
    (r) => r.birthDate <= '2005-01-01' && r.status !== 'stateless' && r.fingers.available.length === 10,
  );
  return adults[i];
}

async function main(): Promise<void> {
  const [url, step, key, index] = process.argv.slice(2);
  if (!ENROL_STEPS.includes(step as EnrolStep)) throw new Error(`unknown step ${step}`);
  const [id, hex] = (process.env.DACTYLO_CHILD_KEY ?? '').split(':');
  const keys = new MemoryKeyProvider([{ id, key: Buffer.from(hex, 'hex') }]);
  const dbs = await openReferenceDatabases(url);
  const system = await createReferenceSystem({
    registry: dbs.registry,
    vault: dbs.vault,
    migrateAs: { registry: dbs.admin, vault: dbs.admin },
    keys,
    faults: { crashAt: step as EnrolStep, crash: () => process.kill(process.pid, 'SIGKILL') as never },
  });
  const resident = childResident(Number(index));
  await system.enrol(
    syntheticEnrolRequest(resident, { seed: CHILD_SEED, applicationDate: CHILD_AS_OF }),
    {
      id: 'op-child',
      role: 'psc-operator',
    },
    { idempotencyKey: key },
  );
  process.stdout.write('enrolled without crashing\n');
  process.exit(3);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) await main();
