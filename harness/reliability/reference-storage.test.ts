import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResidentFactory } from '../../sim/population/index.ts';
import { ordinaryApplicant } from '../biometrics/synthetic-enrolment.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import { startReferenceCertificationTarget } from '../targets/reference-certification-target.ts';
import { attemptEnrolment } from './enrolment-attempt.ts';
import { isAbsent, notExactlyOnce, ReferenceStorage } from './reference-storage.ts';

const SEED = 'rel-storage';
const AS_OF = '2025-01-01';
const factory = new ResidentFactory(SEED, AS_OF);
const [alice, bob] = Array.from({ length: 50 }, (_, k) => factory.resident(k)).filter(
  ordinaryApplicant(AS_OF),
);

describe('reading the registry and the vault of the reference', () => {
  let target: CertificationTarget;
  let storage: ReferenceStorage;
  beforeAll(async () => {
    target = await startReferenceCertificationTarget({ seed: SEED, databaseUrl: process.env.DATABASE_URL });
    const s = await ReferenceStorage.open(target);
    if (!s) throw new Error('the reference layout was not recognised');
    storage = s;
  }, 300_000);
  afterAll(() => target?.close());

  it('finds a completed enrolment exactly once and nothing amiss', async () => {
    const a = await attemptEnrolment(target, alice, {
      seed: SEED,
      applicationDate: AS_OF,
      key: 'storage-test-alice-1',
    });
    expect(a.outcome).toBe('enrolled');
    expect(notExactlyOnce(await storage.recordOf(alice.iin))).toBeNull();
    expect(await storage.disagreements()).toEqual([]);
    expect(await storage.vaultSubjects()).toBe(1);
  });

  it('sees the orphan vault capture, the open intent and the pending application of a half-written enrolment', async () => {
    await target.hooks?.restart({ crashAt: 'vault-written' });
    const b = await attemptEnrolment(target, bob, {
      seed: SEED,
      applicationDate: AS_OF,
      key: 'storage-test-bob-01',
    });
    expect(b.status).toBe(500);
    const problems = await storage.disagreements();
    expect(problems.some((p) => /orphan/.test(p))).toBe(true);
    expect(problems.some((p) => /never resolved/.test(p))).toBe(true);
    expect(problems.some((p) => /still pending/.test(p))).toBe(true);
    expect(isAbsent(await storage.recordOf(bob.iin))).toBe(true);
    await target.hooks?.restart();
    expect(await storage.disagreements()).toEqual([]);
  });

  it('does not claim the reference layout for a target without databases', async () => {
    const apiOnly: CertificationTarget = {
      ...target,
      fingerprintDatabase: undefined,
      identityRegistry: undefined,
    };
    expect(await ReferenceStorage.open(apiOnly)).toBeNull();
  });
});
