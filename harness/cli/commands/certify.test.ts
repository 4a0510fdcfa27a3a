import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CertificationReport } from '../../../reports/certification-report.ts';
import { loadPublicKey } from '../../../reports/signing-key.ts';
import { verifyReport } from '../../../reports/verify-report.ts';
import { PUBLIC_KEY_FILE } from '../../certify/write-certification.ts';
import { runCli } from '../run-cli.ts';
import { CERTIFY_EXIT } from './certify.ts';
import { KEY_FILES } from './keys.ts';

const root = mkdtempSync(join(tmpdir(), 'dactylo-certify-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function readReport(dir: string): CertificationReport {
  return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as CertificationReport;
}

describe('dactylo certify: usage', () => {
  it('refuses an unknown flaw and points to `dactylo flaws`', async () => {
    const r = await runCli(['certify', '--flaw', 'no-such-flaw', '--out', join(root, 'u1')]);
    expect(r.code).toBe(CERTIFY_EXIT.usage);
    expect(r.stderr).toMatch(/no flaw 'no-such-flaw'; `dactylo flaws` lists/);
  });

  it('refuses two targets, an unknown built-in target and unknown requirement IDs', async () => {
    const both = await runCli([
      'certify',
      '--target',
      'reference',
      '--target-config',
      'x.yaml',
      '--out',
      join(root, 'u2'),
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/not both/);
    const vendor = await runCli(['certify', '--target', 'vendor', '--out', join(root, 'u3')]);
    expect(vendor.stderr).toMatch(/--target-config FILE/);
    const only = await runCli(['certify', '--only', 'SEC-AUT-01,XYZ-1', '--out', join(root, 'u4')]);
    expect(only.code).toBe(2);
    expect(only.stderr).toMatch(/unknown requirement XYZ-1/);
  });

  it('needs --out', async () => {
    const r = await runCli(['certify']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out/);
  });
});

describe('dactylo certify --target-config', () => {
  it('writes a signed not-evaluated report naming the bad field of a broken config, and exits 3', async () => {
    const config = join(root, 'broken.yaml');
    writeFileSync(
      config,
      'name: vendor\napi:\n  baseUrl: 42\nauth:\n  tokens:\n    certifier: { token: { env: HOME } }\n',
    );
    const out = join(root, 'broken-report');
    const r = await runCli([
      'certify',
      '--target-config',
      config,
      '--out',
      out,
      '--only',
      'SEC-AUT-01,SCN-FST-01',
    ]);
    expect(r.code).toBe(CERTIFY_EXIT.notPassed);
    expect(r.stdout).toMatch(/verdict not-evaluated/);
    expect(r.stdout).toContain(join(out, 'report.html'));
    const report = readReport(out);
    expect(report.requirements.map((x) => [x.id, x.verdict])).toEqual([
      ['SEC-AUT-01', 'not-evaluated'],
      ['SCN-FST-01', 'not-evaluated'],
    ]);
    for (const x of report.requirements) expect(x.reason).toMatch(/api\.baseUrl/);
    const key = await loadPublicKey(join(out, PUBLIC_KEY_FILE));
    expect(verifyReport(readFileSync(join(out, 'report.json'), 'utf8'), { trustedKey: key }).ok).toBe(true);
  });

  it('says not-evaluated, never pass, for a target nobody answers at', async () => {
    const config = join(root, 'nobody.yaml');
    writeFileSync(
      config,
      'name: vendor\napi:\n  baseUrl: http://127.0.0.1:9\n  timeoutMs: 2000\nauth:\n  tokens:\n    certifier: { token: { env: HOME } }\n',
    );
    const out = join(root, 'nobody-report');
    const r = await runCli(['certify', '--target-config', config, '--out', out, '--only', 'SEC-AUT-01']);
    expect(r.code).toBe(CERTIFY_EXIT.notPassed);
    const [req] = readReport(out).requirements;
    expect(req).toMatchObject({
      id: 'SEC-AUT-01',
      verdict: 'not-evaluated',
      reason: expect.stringMatching(/did not answer/),
    });
  });

  it('signs with the given key and writes no key of its own', async () => {
    const keys = join(root, 'keys');
    expect((await runCli(['keys', 'generate', '--out', keys])).code).toBe(0);
    const config = join(root, 'nobody2.yaml');
    writeFileSync(
      config,
      'name: vendor\napi:\n  baseUrl: http://127.0.0.1:9\nauth:\n  tokens:\n    certifier: { token: { env: HOME } }\n',
    );
    const out = join(root, 'signed-report');
    const privateKey = join(keys, KEY_FILES.private);
    const r = await runCli([
      'certify',
      '--target-config',
      config,
      '--out',
      out,
      '--only',
      'SEC-AUT-01',
      '--signing-key',
      privateKey,
    ]);
    expect(r.code, r.stderr).toBe(CERTIFY_EXIT.notPassed);
    const verified = verifyReport(readFileSync(join(out, 'report.json'), 'utf8'), {
      trustedKey: await loadPublicKey(privateKey),
    });
    expect(verified.ok).toBe(true);
    expect(() => readFileSync(join(out, PUBLIC_KEY_FILE))).toThrow();
  });
});
