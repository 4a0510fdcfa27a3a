import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresClient } from '../storage/pg-client.ts';
import { MemoryKeyProvider } from '../vault/key-provider.ts';
import { checkConsistency } from './consistency.ts';
import { CHILD_AS_OF, CHILD_SEED, childResident } from './crash-child.ts';
import { openReferenceDatabases } from './reference-databases.ts';
import { createReferenceSystem, ENROL_STEPS, type EnrolStep } from './reference-system.ts';
import { syntheticEnrolRequest } from './synthetic-applicants.ts';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const key = { id: 'kill-test-key', key: randomBytes(32) };
const serverUrl = process.env.DATABASE_URL;
// Each PGlite child compiles the WebAssembly database afresh; two steps say enough there.
const STEPS: readonly EnrolStep[] = serverUrl ? ENROL_STEPS : ['vault-written', 'registry-committed'];

function runChild(
  url: string,
  step: EnrolStep,
  idempotencyKey: string,
  index: number,
): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, url, step, idempotencyKey, String(index)],
      {
        env: { ...process.env, DACTYLO_CHILD_KEY: `${key.id}:${key.key.toString('hex')}` },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      signal ? resolve(signal) : reject(new Error(`child exited ${code}: ${err}`)),
    );
  });
}

describe(`enrolment killed with SIGKILL at each step (${serverUrl ? 'PostgreSQL' : 'PGlite data directory'})`, () => {
  let url: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (serverUrl) {
      const name = `dactylo_kill_${randomBytes(5).toString('hex')}`;
      const admin = postgresClient(serverUrl, { max: 1 });
      await admin.exec(`CREATE DATABASE ${name}`);
      const target = new URL(serverUrl);
      target.pathname = `/${name}`;
      url = target.toString();
      cleanup = async () => {
        await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.close();
      };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'dactylo-kill-'));
      url = `pglite:${dir}`;
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(() => cleanup());

  STEPS.forEach((step, i) => {
    it(`leaves one consistent enrolment or none after a kill at ${step}, and a replay completes it once`, async () => {
      const idempotencyKey = `kill-${step}`;
      expect(await runChild(url, step, idempotencyKey, i)).toBe('SIGKILL');
      const dbs = await openReferenceDatabases(url);
      try {
        const system = await createReferenceSystem({
          registry: dbs.registry,
          vault: dbs.vault,
          migrateAs: { registry: dbs.admin, vault: dbs.admin },
          keys: new MemoryKeyProvider([key]),
        });
        expect((await checkConsistency(dbs.registry, dbs.vault)).problems).toEqual([]);
        const resident = childResident(i);
        const links = () =>
          dbs.admin.query('SELECT 1 FROM registry.subject_links WHERE iin = $1', [resident.iin]);
        expect((await links()).length).toBe(step === 'registry-committed' ? 1 : 0);
        const request = syntheticEnrolRequest(resident, { seed: CHILD_SEED, applicationDate: CHILD_AS_OF });
        const actor = { id: 'op-parent', role: 'psc-operator' } as const;
        const replay = await system.enrol(request, actor, { idempotencyKey });
        expect(replay.status).toBe('enrolled');
        expect(await system.enrol(request, actor, { idempotencyKey })).toEqual(replay);
        expect((await links()).length).toBe(1);
        expect((await checkConsistency(dbs.registry, dbs.vault)).problems).toEqual([]);
        await system.close();
      } finally {
        await dbs.close();
      }
    }, 120_000);
  });
});
