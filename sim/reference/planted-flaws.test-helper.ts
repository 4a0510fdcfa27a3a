/**
 * Shared by the planted-flaw tests (planted-flaws-*.test.ts): each flaw the domain can be made to
 * commit is observed as a certification lab would see it, in storage or in answers, next to the
 * clean reference, which must not show it. HTTP-layer flaws: sim/services/planted-flaws-http.test.ts.
 */
import { createHash } from 'node:crypto';
import { formatIin } from '../population/iin.ts';
import type { Resident } from '../population/index.ts';
import type { PlantedFlaw } from './planted-flaws.ts';
import {
  AS_OF,
  adults,
  startTestSystem,
  TEST_SEED,
  type TestSystem,
} from './reference-test-system.test-helper.ts';
import { syntheticEnrolRequest } from './synthetic-applicants.ts';
import type { EnrolRequest } from './types.ts';

export const [a, b, c, d] = adults();
let keyNumber = 0;
export const key = () => `planted-flaw-${++keyNumber}`;
export const request = (r: Resident, o: Partial<Parameters<typeof syntheticEnrolRequest>[1]> = {}) =>
  syntheticEnrolRequest(r, { seed: TEST_SEED, applicationDate: AS_OF, ...o });

let registration = 4000;
/** An applicant born on `birthDate` (a fresh IIN to match) with a synthetic resident's name and prints. */
export function agedApplicant(
  r: Resident,
  birthDate: string,
  extra: Partial<EnrolRequest> = {},
): EnrolRequest {
  const base = request(r);
  const [y, m, day] = birthDate.split('-').map(Number);
  let iin: string | null = null;
  while (!iin) iin = formatIin(y, m, day, base.applicant.sex, registration++);
  return { ...base, applicant: { ...base.applicant, iin, birthDate }, ...extra };
}

export const CHILD_BORN = '2015-03-10';
export const TEEN_BORN = '2012-01-15';

export async function linkOf(t: TestSystem, iin: string): Promise<string | undefined> {
  const [row] = await t.test.db.query<{ subject_id: string }>(
    'SELECT subject_id FROM registry.subject_links WHERE iin = $1',
    [iin],
  );
  return row?.subject_id;
}

export async function vaultColumns(t: TestSystem): Promise<string[]> {
  const rows = await t.test.db.query<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'vault' AND table_name = 'templates'",
  );
  return rows.map((r) => r.column_name);
}

/** Every vault row as JSON text, as a dump would show it. */
export async function vaultText(t: TestSystem): Promise<string> {
  const rows = await t.test.db.query<{ j: string }>(
    'SELECT row_to_json(v)::text AS j FROM vault.templates v',
  );
  return rows.map((r) => r.j).join('\n');
}

/** The first 32 hex digits of SHA-256(IIN) with the UUID version and variant nibbles masked. */
export function iinHashKey(iin: string): string {
  const h = createHash('sha256').update(iin).digest('hex').slice(0, 32);
  return `${h.slice(0, 12)}_${h.slice(13, 16)}_${h.slice(17)}`;
}
export const idKey = (id: string) => {
  const h = id.replaceAll('-', '');
  return `${h.slice(0, 12)}_${h.slice(13, 16)}_${h.slice(17)}`;
};

/** One reference system per flaw planted (and one clean), started on first use; `dropAll` after the file. */
export function flawedSystems() {
  const systems = new Map<PlantedFlaw | 'clean', TestSystem>();
  return {
    async system(flaw: PlantedFlaw | 'clean'): Promise<TestSystem> {
      let t = systems.get(flaw);
      if (!t) {
        t = await startTestSystem(flaw === 'clean' ? {} : { flaws: new Set([flaw]) });
        systems.set(flaw, t);
      }
      return t;
    },
    async dropAll(): Promise<void> {
      for (const t of systems.values()) await t.drop();
    },
  };
}
