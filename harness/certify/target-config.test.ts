import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTargetConfig, parseTargetConfig, resolveSecret, TargetConfigError } from './target-config.ts';

const dir = mkdtempSync(join(tmpdir(), 'dactylo-target-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FULL = `
name: Vendor AFIS
version: "4.2"
api:
  baseUrl: https://afis.example.kz/api
  caFile: ca.pem
auth:
  tokens:
    psc-operator: { token: { env: VENDOR_PSC_TOKEN } }
    consulate-officer: { token: { file: tokens/consulate.jwt } }
    identification-officer:
      clientCredentials:
        tokenUrl: https://idp.example.kz/oauth2/token
        clientId: dactylo-police
        clientSecret: { env: VENDOR_POLICE_SECRET }
    border-officer: { token: { command: [vault, read, -field=token, secret/border] } }
    auditor: { token: { env: VENDOR_AUDITOR_TOKEN } }
    certifier: { token: { env: VENDOR_CERTIFIER_TOKEN } }
storage:
  fingerprintDatabase: { url: { env: VENDOR_VAULT_RO_URL }, schemas: [vault] }
  identityRegistry: { url: "postgres://ro@db.example.kz/registry", schemas: [registry, public] }
observability:
  logs: [{ file: /var/log/afis/app.log }, { url: "https://afis.example.kz/logs", role: certifier }]
  metrics: { url: "https://afis.example.kz/metrics" }
dump: { file: backups/vault.sql, format: plain }
`;

describe('target config', () => {
  it('loads YAML, resolves relative paths against the file and lists what the target provides', async () => {
    const path = join(dir, 'vendor.yaml');
    writeFileSync(path, FULL);
    const t = await loadTargetConfig(path);
    expect(t.config.api.caFile).toBe(join(dir, 'ca.pem'));
    expect(t.config.dump?.file).toBe(join(dir, 'backups/vault.sql'));
    expect(t.config.auth.tokens['consulate-officer']).toEqual({
      token: { file: join(dir, 'tokens/consulate.jwt') },
    });
    expect(t.config.observability?.logs?.[0]).toEqual({ file: '/var/log/afis/app.log' });
    expect([...t.capabilities].sort()).toEqual(
      ['all-roles', 'api', 'dump', 'fingerprint-database', 'identity-registry', 'logs', 'metrics'].sort(),
    );
    expect(t.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('loads the same config as JSON, and a minimal one provides the API only', () => {
    const minimal = {
      name: 'x',
      api: { baseUrl: 'http://127.0.0.1:8080' },
      auth: { tokens: { certifier: { token: { env: 'T' } } } },
    };
    const t = parseTargetConfig('t.json', Buffer.from(JSON.stringify(minimal)));
    expect([...t.capabilities]).toEqual(['api']);
  });

  it('names every bad field', () => {
    const bad = `
name: x
api: { baseUrl: "ftp://afis", timeoutMs: 5 }
auth:
  tokens:
    janitor: { token: { env: X } }
    auditor: { token: { env: "1BAD" } }
storage:
  fingerprintDatabase: { url: "mysql://x", schemas: [] }
colour: blue
`;
    let error: TargetConfigError | undefined;
    try {
      parseTargetConfig('bad.yaml', Buffer.from(bad));
    } catch (e) {
      error = e as TargetConfigError;
    }
    expect(error).toBeInstanceOf(TargetConfigError);
    const text = error!.problems.join('\n');
    expect(text).toMatch(/\(top level\): unknown field 'colour'/);
    expect(text).toMatch(/api\.baseUrl: must match pattern/);
    expect(text).toMatch(/api\.timeoutMs: must be >= 100/);
    expect(text).toMatch(/auth\.tokens: unknown field 'janitor'/);
    expect(text).toMatch(/auth\.tokens\.auditor\.token\.env: must match pattern/);
    expect(text).toMatch(/storage\.fingerprintDatabase\.schemas: must NOT have fewer than 1 items/);
    expect(error!.message).toMatch(/^bad\.yaml: /);
  });

  it('reports unreadable files and syntax errors in one line', async () => {
    await expect(loadTargetConfig(join(dir, 'none.yaml'))).rejects.toThrow(
      /none\.yaml: cannot read \(ENOENT\)/,
    );
    expect(() => parseTargetConfig('x.json', Buffer.from('{"name": '))).toThrow(/x\.json: not valid JSON/);
    expect(() => parseTargetConfig('x.yaml', Buffer.from('name: [unclosed'))).toThrow(
      /x\.yaml: not valid YAML/,
    );
    expect(() => parseTargetConfig('x.yaml', Buffer.from('- a list'))).toThrow(
      /\(top level\): must be object/,
    );
  });

  it('resolves secrets from the environment, files and commands, and says which one is missing', async () => {
    process.env.DACTYLO_TEST_SECRET = 'from-env';
    expect(await resolveSecret({ env: 'DACTYLO_TEST_SECRET' })).toBe('from-env');
    delete process.env.DACTYLO_TEST_SECRET;
    await expect(resolveSecret({ env: 'DACTYLO_TEST_SECRET' })).rejects.toThrow(
      /DACTYLO_TEST_SECRET is not set/,
    );
    const f = join(dir, 'secret.txt');
    writeFileSync(f, '  s3cret\n');
    expect(await resolveSecret({ file: f })).toBe('s3cret');
    expect(await resolveSecret({ command: ['node', '-e', 'console.log("from-command")'] })).toBe(
      'from-command',
    );
    await expect(resolveSecret({ command: ['node', '-e', 'process.exit(3)'] })).rejects.toThrow(
      /secret command .* failed/,
    );
  });
});
