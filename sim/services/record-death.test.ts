import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adults, TEST_SEED } from '../reference/reference-test-system.test-helper.ts';
import { syntheticPrints } from '../reference/synthetic-applicants.ts';
import { enrolment, prints, type Server, startServer } from './reference-server.test-helper.ts';

/** A death recorded at a PSC through the contract's recordDeath: documents invalidated, 1:1 closed, 1:N open. */
describe('recordDeath over HTTP', () => {
  const [a, b] = adults();
  const ctx = { purpose: 'unidentified body, city morgue', caseReference: 'MORGUE-2025-3' };
  const probe = () => prints(syntheticPrints(TEST_SEED, a.index, 3, [1, 2, 6, 7]));
  let s: Server;
  let documentNumber: string;

  beforeAll(async () => {
    s = await startServer(null, 0);
    const enrolled = await s.call('psc-operator', '/v1/enrolments', enrolment(a), 'death-enrol-a-0001');
    documentNumber = (enrolled.body.document as { number: string }).number;
  }, 600_000);
  afterAll(async () => {
    await s.app.close();
    await s.t.drop();
  }, 300_000);

  it('is the PSC operator’s alone, needs a key, and answers 404 for an unknown resident', async () => {
    const death = { iin: a.iin, date: '2025-06-01' };
    expect((await s.call('border-officer', '/v1/death-records', death, 'death-border-0001')).status).toBe(
      403,
    );
    expect((await s.call('psc-operator', '/v1/death-records', death)).body).toMatchObject({
      code: 'missing-idempotency-key',
    });
    const unknown = await s.call(
      'psc-operator',
      '/v1/death-records',
      { iin: b.iin, date: '2025-06-01' },
      'death-b-00000001',
    );
    expect(unknown).toMatchObject({ status: 404, body: { code: 'unknown-resident' } });
  });

  it('invalidates the documents, stops 1:1 matching, and keeps 1:N and resolution working', async () => {
    const death = { iin: a.iin, date: '2025-06-01' };
    expect((await s.call('psc-operator', '/v1/death-records', death, 'death-a-00000001')).status).toBe(204);
    // A replay answers the same and changes nothing.
    expect((await s.call('psc-operator', '/v1/death-records', death, 'death-a-00000001')).status).toBe(204);
    const status = await s.call('border-officer', '/v1/document-status-queries', { documentNumber });
    expect(status.body.status).toBe('invalidated');
    const verified = await s.call('border-officer', '/v1/verifications', {
      documentNumber,
      fingerprints: probe(),
    });
    expect(verified).toMatchObject({ status: 200, body: { decision: 'no-match' } });
    const found = await s.call('identification-officer', '/v1/identifications', {
      ...ctx,
      fingerprints: probe(),
    });
    const [first] = found.body.candidates as { subjectId: string; rank: number }[];
    expect(first.rank).toBe(1);
    const person = await s.call('identification-officer', '/v1/subject-resolutions', {
      subjectId: first.subjectId,
      ...ctx,
    });
    expect(person.body).toMatchObject({ iin: a.iin, deceased: true });
    expect((person.body.documents as { status: string }[]).map((d) => d.status)).toEqual(['invalidated']);
  });
});
