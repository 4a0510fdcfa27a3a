import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adults, TEST_SEED } from '../../sim/reference/reference-test-system.test-helper.ts';
import type { CertificationTarget } from './certification-target.ts';
import type { EnrolmentResult } from './reference-api-types.ts';
import { startReferenceCertificationTarget } from './reference-certification-target.ts';
import { enrolmentBody } from './reference-target.test-helper.ts';

const DAY = '2025-06-01';
const startAt = new Date(`${DAY}T09:00:00Z`);
const [alice, bob, carol] = adults();

async function enrol(t: CertificationTarget, who = alice, key = 'alice-enrolment-0001') {
  const res = await t
    .client('psc-operator')
    .enrol(enrolmentBody(who, { seed: TEST_SEED, applicationDate: DAY }), { idempotencyKey: key });
  return res;
}

async function subjectIds(t: CertificationTarget): Promise<string[]> {
  const rows = await t.fingerprintDatabase?.db.query<{ s: string }>(
    'SELECT DISTINCT subject_id::text AS s FROM vault.templates ORDER BY s',
  );
  return (rows ?? []).map((r) => r.s);
}

function httpsGet(t: CertificationTarget, path: string): Promise<{ status: number; body: string }> {
  const tls = t.tls;
  if (!tls) throw new Error('no TLS endpoint');
  return new Promise((resolve, reject) => {
    const req = request({ host: tls.host, port: tls.port, path, ca: tls.caCert, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the in-process reference as a certification target', () => {
  let target: CertificationTarget;
  let first: EnrolmentResult;

  beforeAll(async () => {
    target = await startReferenceCertificationTarget({
      seed: 'target-test',
      secondDeployment: true,
      startAt,
      databaseUrl: process.env.DATABASE_URL,
    });
    const res = await enrol(target);
    expect(res.status).toBe(201);
    first = res.body as EnrolmentResult;
  }, 600_000);
  afterAll(() => target?.close());

  it('enrols through the API as the PSC operator and offers every capability', () => {
    expect(first.status).toBe('enrolled');
    expect([...target.capabilities].sort()).toEqual(
      [
        'all-roles',
        'api',
        'dump',
        'fingerprint-database',
        'identity-registry',
        'logs',
        'metrics',
        'scanners',
        'second-deployment',
      ].sort(),
    );
    expect(target.contractVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(target.identity.kind).toBe('reference');
    expect(target.scanners).toEqual([
      { name: 'optical-500 (virtual)', deviceUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) },
    ]);
    expect(target.tokenKeys?.publicKeys.keys).toHaveLength(1);
    expect(target.tokenKeys?.signingJwk?.d).toBeTruthy();
    expect(target.hooks?.ownerDatabase).toBeDefined();
  });

  it('lets the lab read the vault and the registry but write neither', async () => {
    expect(await subjectIds(target)).toHaveLength(1);
    const reg = await target.identityRegistry?.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema IN ('registry', 'audit')`,
    );
    expect(Number(reg?.[0].n)).toBeGreaterThan(0);
    await expect(target.fingerprintDatabase?.db.exec('DELETE FROM vault.templates')).rejects.toThrow(
      /read-only/,
    );
    expect(await subjectIds(target)).toHaveLength(1);
  });

  it('dumps the vault as plain SQL with every row', async () => {
    const dump = new TextDecoder().decode(await target.readDump?.());
    expect(dump).toContain('CREATE TABLE vault.templates (');
    const [subject] = await subjectIds(target);
    const rows = dump.split('\n').filter((l) => l.startsWith(subject));
    expect(rows).toHaveLength(first.fingersCaptured.length);
    expect(rows[0]).toMatch(/\t\\\\x[0-9a-f]{24}\t/);
  });

  it('decrypts a stored template with the deployment key, and nothing else', async () => {
    const [row] =
      (await target.fingerprintDatabase?.db.query<{
        subject_id: string;
        position: number;
        nonce: Uint8Array;
        sealed: Uint8Array;
      }>(
        'SELECT subject_id::text, position, nonce, sealed FROM vault.templates ORDER BY position LIMIT 1',
      )) ?? [];
    const stored = Buffer.concat([Buffer.from(row.nonce), Buffer.from(row.sealed)]);
    const plain = target.hooks?.decryptTemplate(stored, {
      subjectId: row.subject_id,
      position: row.position,
    });
    expect(plain?.length).toBeGreaterThan(28);
    expect(
      target.hooks?.decryptTemplate(stored, { subjectId: row.subject_id, position: row.position + 1 }),
    ).toBe(null);
  });

  it('exposes logs and metrics without personal data', async () => {
    const logs = await target.readLogs?.();
    expect(logs?.some((l) => l.includes('"event":"http.response"'))).toBe(true);
    expect(logs?.join('\n')).not.toContain(alice.iin);
    const metrics = await target.readMetrics?.();
    expect(metrics).toMatch(/^# (HELP|TYPE) /m);
  });

  it('serves the same API over TLS with the generated CA', async () => {
    const res = await httpsGet(target, '/v1/health');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
  });

  it('moves its clock only when told or when the system reads it', () => {
    const hooks = target.hooks;
    expect(hooks?.now().getTime()).toBeGreaterThan(startAt.getTime());
    hooks?.setClock(new Date('2035-06-02T10:00:00Z'));
    expect(hooks?.now().toISOString()).toBe('2035-06-02T10:00:00.000Z');
    hooks?.setClock(startAt);
  });

  it('fails enrolments while the external services are down, and completes them once healed', async () => {
    target.hooks?.setExternalOutage(true);
    const down = await enrol(target, bob, 'bob-enrolment-00001');
    expect(down.status).toBeGreaterThanOrEqual(500);
    target.hooks?.setExternalOutage(false);
    const healed = await enrol(target, bob, 'bob-enrolment-00001');
    expect(healed.status).toBe(201);
  });

  it('restarts with a crash planted at a named step, and recovers on the next restart', async () => {
    await target.hooks?.restart({ crashAt: 'vault-written' });
    const crashed = await enrol(target, carol, 'carol-enrolment-0001');
    expect(crashed.status).toBe(500);
    await target.hooks?.restart();
    const again = await enrol(target, carol, 'carol-enrolment-0001');
    expect(again.status).toBe(201);
    expect((await httpsGet(target, '/v1/health')).status).toBe(200);
    await expect(target.hooks?.restart({ crashAt: 'nowhere' })).rejects.toThrow(/crashAt must be one of/);
  });

  it('has a second deployment with its own databases and identifiers', async () => {
    const second = target.secondDeployment;
    if (!second) throw new Error('no second deployment');
    expect(await subjectIds(second)).toEqual([]);
    expect((await enrol(second)).status).toBe(201);
    const [a] = await subjectIds(second);
    expect(await subjectIds(target)).not.toContain(a);
  });
});

describe('determinism', () => {
  it('gives the same person the same subject id for the same seed, and another for another seed', async () => {
    const ids: string[] = [];
    for (const seed of ['det-a', 'det-a', 'det-b']) {
      const t = await startReferenceCertificationTarget({ seed, startAt });
      try {
        expect((await enrol(t)).status).toBe(201);
        ids.push(...(await subjectIds(t)));
      } finally {
        await t.close();
      }
    }
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  }, 600_000);
});
