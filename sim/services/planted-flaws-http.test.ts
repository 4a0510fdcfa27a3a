import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlantedFlaw } from '../reference/planted-flaws.ts';
import { adults, TEST_SEED } from '../reference/reference-test-system.test-helper.ts';
import { syntheticPrints } from '../reference/synthetic-applicants.ts';
import {
  CONTRACT,
  enrolment,
  PER_MINUTE,
  prints,
  type Server,
  startServer,
} from './reference-server.test-helper.ts';

/**
 * The flaws that live in the HTTP layer (handlers, route checks, rate limiter), observed through
 * the API and the log as a certification lab sees them, next to the clean server that must not
 * show them. The contract is read as data (sim imports no harness code).
 */
const [a, b] = adults();

const probe = () => prints(syntheticPrints(TEST_SEED, a.index, 3, [1, 2, 6, 7]));
const search = () => ({
  purpose: 'unconscious patient',
  caseReference: 'HOSP-2025-7',
  fingerprints: probe(),
});

const servers = new Map<PlantedFlaw | 'clean', Server>();
async function server(flaw: PlantedFlaw | 'clean'): Promise<Server> {
  let s = servers.get(flaw);
  if (!s) {
    s = await startServer(flaw === 'clean' ? null : flaw);
    await s.call('psc-operator', '/v1/enrolments', enrolment(a), `enrol-a-${flaw}-0001`);
    servers.set(flaw, s);
  }
  return s;
}

afterAll(async () => {
  for (const s of servers.values()) {
    await s.app.close();
    await s.t.drop();
  }
}, 300_000);

describe('the clean server', () => {
  beforeAll(() => server('clean'), 600_000);

  it('enrolled its first applicant through the API', async () => {
    expect((await server('clean')).t.system.metrics().gallery_subjects).toBe(1);
  });
});

describe('flaws in the HTTP layer', () => {
  it('pii-in-logs: the enrolment body, IIN and names included, reaches the log', async () => {
    const decoded = (s: Server) =>
      s.lines.flatMap((l) => {
        const e = JSON.parse(l) as Record<string, unknown>;
        return Object.values(e).map((v) => `${v}\n${Buffer.from(String(v), 'base64').toString('utf8')}`);
      });
    const flawed = await server('pii-in-logs');
    const request = flawed.lines.map((l) => JSON.parse(l)).find((e) => e.event === 'enrolment.request');
    expect(request?.level).toBe('info');
    const replay = JSON.parse(Buffer.from(String(request?.replay), 'base64').toString('utf8'));
    expect(replay.applicant).toMatchObject({ iin: a.iin, surname: a.surname, givenName: a.givenName });
    expect(decoded(flawed).some((v) => v.includes(a.iin))).toBe(true);

    const clean = await server('clean');
    expect(clean.lines.length).toBeGreaterThan(0);
    for (const v of decoded(clean)) for (const secret of [a.iin, a.surname]) expect(v).not.toContain(secret);
  }, 600_000);

  it('scores-in-responses: verify and identify answer with comparison scores (which the contract forbids)', async () => {
    const flawed = await server('scores-in-responses');
    const verified = await flawed.call('border-officer', '/v1/verifications', {
      iin: a.iin,
      fingerprints: probe(),
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ decision: 'match', score: expect.any(Number) });
    const found = await flawed.call('identification-officer', '/v1/identifications', search());
    expect(found.body.candidates).toEqual([expect.objectContaining({ rank: 1, score: expect.any(Number) })]);
    // A stranger's prints score lower than the person's own: a gradient to climb.
    const stranger = prints(syntheticPrints(TEST_SEED, b.index, 1, [1, 2, 6, 7]));
    const low = await flawed.call('border-officer', '/v1/verifications', {
      iin: a.iin,
      fingerprints: stranger,
    });
    expect(low.body).toMatchObject({ decision: 'no-match' });
    expect(Number(low.body.score)).toBeLessThan(Number(verified.body.score));
    // The contract allows the decision only, so a validating client reports a contract violation.
    expect(CONTRACT.components.schemas.VerificationResult.additionalProperties).toBe(false);

    const clean = await server('clean');
    const plain = await clean.call('border-officer', '/v1/verifications', {
      iin: a.iin,
      fingerprints: probe(),
    });
    expect(plain.body).toEqual({ decision: 'match' });
    const ranks = await clean.call('identification-officer', '/v1/identifications', search());
    expect(JSON.stringify(ranks.body)).not.toMatch(/score/);
  }, 600_000);

  it(`no-rate-limit: ${PER_MINUTE * 10} verifications a minute by one operator, none refused`, async () => {
    const hammer = async (s: Server) => {
      const statuses: number[] = [];
      for (let i = 0; i < PER_MINUTE * 10; i++)
        statuses.push(
          (await s.call('certifier', '/v1/verifications', { iin: b.iin, fingerprints: probe() })).status,
        );
      return statuses;
    };
    expect((await hammer(await server('no-rate-limit'))).filter((s) => s === 429)).toEqual([]);
    const limited = await hammer(await server('clean'));
    expect(limited.indexOf(429)).toBe(PER_MINUTE);
  }, 600_000);

  it('identification-role-check-missing: a PSC operator and a border officer may search 1:N', async () => {
    const flawed = await server('identification-role-check-missing');
    for (const role of ['psc-operator', 'border-officer'] as const) {
      const r = await flawed.call(role, '/v1/identifications', search());
      expect(r.status).toBe(200);
      expect(r.body.candidates).toEqual([expect.objectContaining({ rank: 1 })]);
    }
    // Resolution kept its check: the flaw is identification's alone.
    const resolve = await flawed.call('psc-operator', '/v1/subject-resolutions', {
      subjectId: '0b3c7a55-2f4e-4d7a-9c1e-5a6b7c8d9e0f',
      purpose: 'curiosity',
      caseReference: 'NONE-1',
    });
    expect(resolve.status).toBe(403);

    const clean = await server('clean');
    expect((await clean.call('psc-operator', '/v1/identifications', search())).status).toBe(403);
  }, 600_000);

  it('idempotency-ignored: a retry makes a second application, a replay with another body goes through', async () => {
    const replays = async (s: Server) => {
      const body = enrolment(b);
      const first = await s.call('psc-operator', '/v1/enrolments', body, 'retry-b-00000001');
      const retry = await s.call('psc-operator', '/v1/enrolments', body, 'retry-b-00000001');
      const other = await s.call(
        'psc-operator',
        '/v1/enrolments',
        enrolment(b, '2025-06-02'),
        'retry-b-00000001',
      );
      const [{ n }] = await s.t.test.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM registry.applications WHERE iin = $1',
        [b.iin],
      );
      return { first, retry, other, applications: Number(n) };
    };
    const flawed = await replays(await server('idempotency-ignored'));
    expect(flawed.first.status).toBe(201);
    expect(flawed.retry.status).toBe(201);
    expect(flawed.retry.body.applicationId).not.toBe(flawed.first.body.applicationId);
    expect(flawed.other.status).toBe(201);
    expect(flawed.applications).toBe(3);

    const clean = await replays(await server('clean'));
    expect(clean.retry).toEqual(clean.first);
    expect(clean.other).toMatchObject({ status: 409, body: { code: 'idempotency-conflict' } });
    expect(clean.applications).toBe(1);
  }, 600_000);
});
