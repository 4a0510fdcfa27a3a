import { population, type Resident } from '../population/index.ts';
import { createTestDatabase, type TestDatabase } from '../storage/test-database.ts';
import { MemoryKeyProvider } from '../vault/key-provider.ts';
import { SimulatedExternalServices } from './external-services.ts';
import { referenceDatabases } from './reference-databases.ts';
import {
  createReferenceSystem,
  type ReferenceSystem,
  type ReferenceSystemOptions,
} from './reference-system.ts';
import type { Actor, LogEvent } from './types.ts';

export const PSC: Actor = { id: 'op-7f3a', role: 'psc-operator', office: 'PSC-ALM-01' };
export const CONSULATE: Actor = { id: 'op-c001', role: 'consulate-officer', office: 'CONS-BER' };
export const POLICE: Actor = { id: 'op-p042', role: 'identification-officer' };
export const BORDER: Actor = { id: 'op-b777', role: 'border-officer' };
export const AUDITOR: Actor = { id: 'op-a100', role: 'auditor' };

export const TEST_SEED = 'reference-test';
export const AS_OF = '2025-06-01';

let cachedResidents: Resident[] | undefined;
/** Adults of a small synthetic population with all ten fingers (the common case). */
export function adults(): Resident[] {
  cachedResidents ??= [...population({ seed: TEST_SEED, count: 200, asOf: AS_OF })].filter(
    (r) => r.status !== 'stateless' && r.birthDate <= '2005-01-01' && r.fingers.available.length === 10,
  );
  return cachedResidents;
}

export interface TestSystem {
  system: ReferenceSystem;
  test: TestDatabase;
  keys: MemoryKeyProvider;
  services: SimulatedExternalServices;
  logs: LogEvent[];
  clock: { now: Date };
  /** A fresh reference system over the same database, keys and services (a restart). */
  restart(extra?: Partial<ReferenceSystemOptions>): Promise<ReferenceSystem>;
  drop(): Promise<void>;
}

export async function startTestSystem(extra: Partial<ReferenceSystemOptions> = {}): Promise<TestSystem> {
  const test = await createTestDatabase();
  const dbs = referenceDatabases(test.db);
  const keys = new MemoryKeyProvider();
  const services = new SimulatedExternalServices();
  const logs: LogEvent[] = [];
  const clock = { now: new Date(`${AS_OF}T09:00:00Z`) };
  const options = (more: Partial<ReferenceSystemOptions>): ReferenceSystemOptions => ({
    registry: dbs.registry,
    vault: dbs.vault,
    migrateAs: { registry: test.db, vault: test.db },
    keys,
    externalServices: services,
    clock: () => clock.now,
    logger: (e) => logs.push(e),
    ...more,
  });
  let current = await createReferenceSystem(options(extra));
  return {
    get system() {
      return current;
    },
    test,
    keys,
    services,
    logs,
    clock,
    async restart(more = {}) {
      await current.close();
      current = await createReferenceSystem(options(more));
      return current;
    },
    async drop() {
      await current.close();
      await test.drop();
    },
  };
}

/** Rows of a table, as the owner sees them (for assertions on what was written). */
export async function count(t: TestSystem, table: string, where = 'true'): Promise<number> {
  const [r] = await t.test.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`);
  return Number(r.n);
}
