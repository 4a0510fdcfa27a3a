import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';
import {
  banner,
  flawWarning,
  type RunningService,
  type ServeOptions,
  startReferenceService,
} from './serve.ts';

let dir: string;
let service: RunningService;
let options: ServeOptions;

function get(url: string, ca: string, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
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

/** Which TLS version a handshake settles on, or the error when the server refuses. */
function handshake(port: number, ca: string, version: 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'): Promise<string> {
  return new Promise((resolve) => {
    const s = connect({
      host: '127.0.0.1',
      port,
      ca,
      servername: 'localhost',
      minVersion: version,
      maxVersion: version,
    });
    s.once('secureConnect', () => {
      resolve(String(s.getProtocol()));
      s.end();
    });
    s.once('error', (e) => resolve(`refused: ${(e as NodeJS.ErrnoException).code ?? e.message}`));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dactylo-serve-'));
  options = {
    port: 0,
    host: '127.0.0.1',
    tls: true,
    tokenFile: join(dir, 'tokens.json'),
    tokenTtl: 600,
    signingKey: join(dir, 'signing-key.json'),
    rateLimit: 0,
    log: () => {},
  };
  service = await startReferenceService(options);
}, 120_000);

afterAll(async () => {
  await service?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('dactylo serve', () => {
  it('listens over HTTPS with its own CA; health is public, metrics need a token from the token file', async () => {
    expect(service.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = await readFile(String(service.caCertPath), 'utf8');
    expect(await get(`${service.url}/v1/health`, ca)).toEqual({ status: 200, body: '{"status":"ok"}' });
    const tokens = JSON.parse(await readFile(String(options.tokenFile), 'utf8'));
    expect(Object.keys(tokens.tokens).sort()).toEqual([
      'auditor',
      'border-officer',
      'certifier',
      'consulate-officer',
      'identification-officer',
      'psc-operator',
    ]);
    expect((await get(`${service.url}/v1/metrics`, ca)).status).toBe(401);
    const metrics = await get(`${service.url}/v1/metrics`, ca, tokens.tokens.certifier);
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('dactylo_http_requests_total{operation="getHealth",status="200"} 1');
  });

  it('keeps its secrets to its owner: token file and signing key are mode 0600', async () => {
    expect((await stat(String(options.tokenFile))).mode & 0o777).toBe(0o600);
    expect((await stat(String(options.signingKey))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(String(options.signingKey), 'utf8'))).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
    });
  });

  it('refuses TLS 1.1 and accepts 1.2 and 1.3', async () => {
    const port = Number(new URL(service.url).port);
    const ca = String(service.caCert);
    expect(await handshake(port, ca, 'TLSv1.1')).toMatch(/^refused/);
    expect(await handshake(port, ca, 'TLSv1.2')).toBe('TLSv1.2');
    expect(await handshake(port, ca, 'TLSv1.3')).toBe('TLSv1.3');
  });

  it('prints where it listens and how to call it', () => {
    const text = banner(service, options);
    expect(text).toContain(`listening on ${service.url}`);
    expect(text).toContain(`--cacert ${service.caCertPath}`);
    expect(text).toContain('tokens.certifier');
  });

  it('rejects contradictory or incomplete options with exit code 2', async () => {
    const both = await runCli(['serve', '--data-dir', dir, '--database-url', 'postgres://x']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('not both');
    const keys = await runCli(['serve', '--data-dir', dir]);
    expect(keys.code).toBe(2);
    expect(keys.stderr).toContain('--vault-key-file');
    const port = await runCli(['serve', '--port', '70000']);
    expect(port.code).toBe(2);
    const external = await runCli(['serve', '--population-register-url', 'http://x']);
    expect(external.code).toBe(2);
    expect(external.stderr).toContain('all three');
  });

  it('refuses an unknown --flaw with exit code 2 and names `dactylo flaws`', async () => {
    const run = await runCli(['serve', '--flaw', 'no-such-flaw']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no flaw 'no-such-flaw'");
    expect(run.stderr).toContain('dactylo flaws');
  });

  it('prints no flaw warning for the clean reference', () => {
    expect(service.flaw).toBeNull();
    expect(banner(service, options)).not.toMatch(/FLAWED/);
  });
});

describe('dactylo serve --flaw', () => {
  let flawed: RunningService;
  const lines: string[] = [];
  const flawedOptions = (): ServeOptions => ({
    port: 0,
    host: '127.0.0.1',
    tokenTtl: 600,
    rateLimit: 0,
    flaw: 'identification-role-check-missing',
    log: (l) => lines.push(l),
  });
  beforeAll(async () => {
    flawed = await startReferenceService(flawedOptions());
  }, 120_000);
  afterAll(() => flawed?.close());

  it('passes the flaw to the service: a PSC operator gets past the role check of 1:N', async () => {
    const identify = async (s: RunningService) =>
      (
        await s.app.inject({
          method: 'POST',
          url: '/v1/identifications',
          headers: {
            authorization: `Bearer ${await s.issuer.mint({ role: 'psc-operator', subject: 'op-1', office: 'PSC-1' })}`,
          },
          payload: {},
        })
      ).statusCode;
    expect(await identify(service)).toBe(403);
    // Past the missing role check, the empty body fails validation instead.
    expect(await identify(flawed)).toBe(400);
  });

  it('starts with the flaw planted, warns loudly in its banner and logs it', () => {
    expect(flawed.flaw).toBe('identification-role-check-missing');
    const text = banner(flawed, flawedOptions());
    expect(text.startsWith(flawWarning('identification-role-check-missing'))).toBe(true);
    expect(text).toContain("DELIBERATELY FLAWED SERVICE: planted flaw 'identification-role-check-missing'");
    expect(text).toContain('Role check missing on identification');
    expect(text).toContain('NOT fit for real people');
    expect(lines.map((l) => JSON.parse(l))).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        event: 'planted-flaw',
        flaw: 'identification-role-check-missing',
      }),
    );
  });
});
