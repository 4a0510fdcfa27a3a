import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConsistency } from './consistency.ts';
import { SimulatedCrash } from './faults.ts';
import { referenceDatabases } from './reference-databases.ts';
import { ENROL_STEPS, type EnrolStep } from './reference-system.ts';
import {
  AS_OF,
  adults,
  count,
  PSC,
  startTestSystem,
  TEST_SEED,
  type TestSystem,
} from './reference-test-system.test-helper.ts';
import { syntheticEnrolRequest } from './synthetic-applicants.ts';
import type { EnrolOutcome } from './types.ts';

/**
 * A crash (the process stops dead) or a dropped database connection after each named step of an
 * enrolment; then a restart. Afterwards the two databases hold one consistent enrolment or none,
 * and a replay with the same idempotency key completes it once (or returns the committed result).
 */
describe(`enrolment interrupted at each step (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestSystem;
  const people = adults().slice(40, 60);
  let next = 0;
  beforeAll(async () => {
    t = await startTestSystem();
  }, 60_000);
  afterAll(() => t.drop());

  async function interrupted(step: EnrolStep, fault: 'crashAt' | 'dropConnectionAt'): Promise<void> {
    const person = people[next++];
    const request = syntheticEnrolRequest(person, { seed: TEST_SEED, applicationDate: AS_OF });
    const key = `crash-${fault}-${step}`;
    const faulty = await t.restart({ faults: { [fault]: step } });
    const failure = await faulty.enrol(request, PSC, { idempotencyKey: key }).then(
      () => null,
      (e: unknown) => e,
    );
    const committed = step === 'registry-committed';
    // A connection lost after the commit point loses nothing: the caller already has the outcome.
    if (fault === 'dropConnectionAt' && committed) expect(failure).toBeNull();
    else expect(failure).toBeInstanceOf(fault === 'crashAt' ? SimulatedCrash : Error);

    const system = await t.restart();
    const dbs = referenceDatabases(t.test.db);
    const report = await checkConsistency(dbs.registry, dbs.vault);
    expect(report.problems).toEqual([]);
    expect(await count(t, 'registry.subject_links', `iin = '${person.iin}'`)).toBe(committed ? 1 : 0);
    expect(await count(t, 'registry.documents', `iin = '${person.iin}'`)).toBe(committed ? 1 : 0);

    const replay: EnrolOutcome = await system.enrol(request, PSC, { idempotencyKey: key });
    expect(replay.status).toBe('enrolled');
    const [stored] = await t.test.db.query<{ result: EnrolOutcome }>(
      'SELECT result FROM registry.idempotency WHERE key = $1',
      [key],
    );
    expect(replay).toEqual(stored.result);
    expect(await system.enrol(request, PSC, { idempotencyKey: key })).toEqual(replay);
    expect(await count(t, 'registry.subject_links', `iin = '${person.iin}'`)).toBe(1);
    expect(await count(t, 'registry.documents', `iin = '${person.iin}'`)).toBe(1);
    // The resumed attempt keeps its application id: one application, one document number.
    expect(await count(t, 'registry.applications', `iin = '${person.iin}'`)).toBe(1);
    expect(
      new Set(t.services.issueCalls.filter((id) => id === replay.applicationId)).size,
    ).toBeLessThanOrEqual(1);
    expect((await checkConsistency(dbs.registry, dbs.vault)).problems).toEqual([]);
  }

  for (const step of ENROL_STEPS) {
    it(`crash after ${step}`, () => interrupted(step, 'crashAt'), 30_000);
    it(`dropped connection after ${step}`, () => interrupted(step, 'dropConnectionAt'), 30_000);
  }
});
