import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresClient } from '../../../sim/storage/pg-client.ts';
import { runCli } from '../run-cli.ts';

/** On CI's server the demo gets a throw-away database, never the shared one DATABASE_URL names. */
async function scratchDatabase(): Promise<{ url?: string; drop: () => Promise<void> }> {
  const server = process.env.DATABASE_URL;
  if (!server) return { drop: async () => {} };
  const name = `dactylo_demo_${randomBytes(5).toString('hex')}`;
  const admin = postgresClient(server, { max: 1 });
  await admin.exec(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

describe('dactylo demo: the reference registration system', () => {
  let drop = async () => {};
  afterAll(() => drop());

  it('enrols residents, recovers a lost document, identifies a patient and blocks a double registration', async () => {
    const scratch = await scratchDatabase();
    drop = scratch.drop;
    const args = ['demo', '--count', '50', '--enrol', '40', '--seed', 'demo-test', '--no-certify'];
    if (scratch.url) args.push('--database-url', scratch.url);
    const { code, stdout, stderr } = await runCli(args);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const story = stdout.slice(stdout.indexOf('Reference registration system'));
    expect(story).toMatch(/enrolment +40 applications at a PSC: enrolled \d+/);
    expect(story).toMatch(/\d+ people in the vault, \d+ encrypted templates/);
    expect(story).toMatch(
      /recovery .* → verified-existing, new (passport|id-card|residence-permit) issued; the old one stays 'lost'/,
    );
    expect(story).toMatch(/identify .* 2 fingers as PNG images .* the right person \(1 audited resolution\)/);
    expect(story).toMatch(/duplicate .* → blocked-duplicate, case raised; matched identity not disclosed/);
    expect(story).toMatch(/audit +\d+ entries, hash chain verified/);
  });

  it('ends with a quick certification of the reference and says where report.html is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dactylo-demo-'));
    try {
      const out = join(dir, 'certification');
      const { code, stdout } = await runCli([
        'demo',
        '--count',
        '50',
        '--enrol',
        '5',
        '--seed',
        'demo-test',
        '--certify-out',
        out,
      ]);
      expect(code).toBe(0);
      expect(stdout).toContain('dactylo certify --target reference --quick --seed demo-test');
      expect(stdout).toMatch(/verdict (pass|fail|not-evaluated)/);
      expect(stdout).toContain(`report ${join(out, 'report.html')}`);
      expect(existsSync(join(out, 'report.html'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
