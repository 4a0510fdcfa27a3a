import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../biometrics/certification-context.test-helper.ts';
import { requirements } from '../requirements/catalogue.ts';
import type { Evidence } from '../requirements/evidence.ts';
import { judge } from '../requirements/verdict.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import { startReferenceCertificationTarget } from '../targets/reference-certification-target.ts';
import { idempotentRetry } from './idempotent-retry.ts';

describe('idempotent retry against a reference that ignores the Idempotency-Key', () => {
  let target: CertificationTarget;
  let evidence: Evidence;
  beforeAll(async () => {
    target = await startReferenceCertificationTarget({
      seed: 'rel-idem-flaw',
      flaw: 'idempotency-ignored',
      databaseUrl: process.env.DATABASE_URL,
    });
    evidence = await idempotentRetry(testContext(target, { seed: 'rel-idem-flaw' }));
  }, 300_000);
  afterAll(() => target?.close());

  it('sees the replays answered differently, and REL-IDM-01 fails', () => {
    expect(evidence.outcome).toBe('fail');
    expect(evidence.summary).toMatch(/answers differ/);
    const r = requirements().find((x) => x.id === 'REL-IDM-01');
    if (!r) throw new Error('REL-IDM-01 missing');
    expect(judge(r, [evidence], target.capabilities).verdict).toBe('fail');
  });
});
