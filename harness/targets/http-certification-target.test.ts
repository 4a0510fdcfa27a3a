import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificationSuite } from '../certify/certification-suite.ts';
import { runCertification } from '../certify/run-certification.ts';
import { parseTargetConfig } from '../certify/target-config.ts';
import type { CertificationTarget } from './certification-target.ts';
import { openHttpCertificationTarget } from './http-certification-target.ts';
import { startReferenceCertificationTarget } from './reference-certification-target.ts';

const root = mkdtempSync(join(tmpdir(), 'dactylo-http-target-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Would pass if it ran: a target that does not answer must never get this far. */
const optimistic: CertificationSuite = {
  id: 'optimistic',
  title: 'A suite that passes whatever it sees',
  produces: ['security/jwt-missing'],
  requires: ['api'],
  run: async () => [{ test: 'security/jwt-missing', outcome: 'pass', summary: 'fine' }],
};

function configFor(baseUrl: string, extra: Record<string, unknown> = {}) {
  const path = join(root, `target-${Math.random().toString(36).slice(2)}.json`);
  const text = JSON.stringify({
    name: 'vendor under test',
    api: { baseUrl, timeoutMs: 2000, ...((extra.api as object) ?? {}) },
    auth: {
      tokens: { certifier: { token: { env: 'DACTYLO_TEST_CERTIFIER_TOKEN' } } },
      ...((extra.auth as object) ?? {}),
    },
    ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'api' && k !== 'auth')),
  });
  writeFileSync(path, text);
  return parseTargetConfig(path, Buffer.from(text));
}

async function listen(handler: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function certifyAuth(target: CertificationTarget) {
  const { report } = await runCertification({
    target,
    seed: 'http-target',
    quick: true,
    population: 10,
    only: ['SEC-AUT-01'],
    suites: [optimistic],
  });
  return report;
}

describe('a vendor target over HTTP', () => {
  it('that does not answer: not-evaluated, saying the API did not answer', async () => {
    const { server, url } = await listen(() => {});
    await new Promise((r) => server.close(r));
    const target = await openHttpCertificationTarget(configFor(url));
    try {
      expect(target.contractVersion).toBeNull();
      const report = await certifyAuth(target);
      expect(report.verdict).toBe('not-evaluated');
      expect(report.requirements[0].reason).toMatch(/did not answer.*ECONNREFUSED/);
    } finally {
      await target.close();
    }
  });

  it('that answers garbage or off-contract JSON: not-evaluated with what is wrong', async () => {
    for (const [type, body, expected] of [
      ['text/html', '<html>under construction</html>', /outside the contract/],
      ['application/json', '{"contract":"something-else"}', /outside the contract/],
    ] as const) {
      const { server, url } = await listen((_req, res) => {
        res.writeHead(200, { 'content-type': type });
        res.end(body);
      });
      const target = await openHttpCertificationTarget(configFor(url));
      try {
        const report = await certifyAuth(target);
        expect(report.requirements[0]).toMatchObject({
          verdict: 'not-evaluated',
          reason: expect.stringMatching(expected),
        });
      } finally {
        await target.close();
        await new Promise((r) => server.close(r));
      }
    }
  });

  it('that hangs: not-evaluated after the config timeout', async () => {
    const { server, url } = await listen(() => {});
    const target = await openHttpCertificationTarget(configFor(url, { api: { timeoutMs: 300 } }));
    try {
      const report = await certifyAuth(target);
      expect(report.requirements[0].reason).toMatch(/no (complete )?answer within 300 ms/);
    } finally {
      await target.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('warns and drops what it cannot set up: a token whose variable is unset', async () => {
    const warnings: string[] = [];
    delete process.env.DACTYLO_TEST_CERTIFIER_TOKEN;
    const { server, url } = await listen((_req, res) => res.end());
    const target = await openHttpCertificationTarget(configFor(url), { warn: (m) => warnings.push(m) });
    await target.close();
    await new Promise((r) => server.close(r));
    expect(warnings).toEqual([
      'no token for role certifier: environment variable DACTYLO_TEST_CERTIFIER_TOKEN is not set',
    ]);
    expect(target.token('certifier')).toBeUndefined();
  });
});

describe('the reference served over TLS, certified as a vendor target', () => {
  let reference: CertificationTarget;
  let tokenServer: { server: Server; url: string };

  beforeAll(async () => {
    reference = await startReferenceCertificationTarget({ seed: 'http-target' });
    // An OAuth token endpoint that hands out the reference's auditor token for the right client.
    tokenServer = await listen((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const ok = form.get('grant_type') === 'client_credentials' && form.get('client_secret') === 's3cret';
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            ok
              ? { access_token: reference.token('auditor'), token_type: 'Bearer' }
              : { error: 'invalid_client' },
          ),
        );
      });
    });
  }, 600_000);
  afterAll(async () => {
    await reference?.close();
    if (tokenServer) await new Promise((r) => tokenServer.server.close(r));
  });

  it('reaches it with the private CA, tokens from the environment and the client-credentials grant', async () => {
    const tls = reference.tls;
    if (!tls) throw new Error('the reference has no TLS endpoint');
    const caFile = join(root, 'ca.pem');
    writeFileSync(caFile, tls.caCert);
    const jwksFile = join(root, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify(reference.tokenKeys?.publicKeys));
    process.env.DACTYLO_TEST_CERTIFIER_TOKEN = reference.token('certifier');
    process.env.DACTYLO_TEST_CLIENT_SECRET = 's3cret';
    const loaded = configFor(`https://127.0.0.1:${tls.port}`, {
      api: { caFile },
      auth: {
        jwks: jwksFile,
        tokens: {
          certifier: { token: { env: 'DACTYLO_TEST_CERTIFIER_TOKEN' } },
          auditor: {
            clientCredentials: {
              tokenUrl: `${tokenServer.url}/oauth/token`,
              clientId: 'lab',
              clientSecret: { env: 'DACTYLO_TEST_CLIENT_SECRET' },
            },
          },
        },
      },
      observability: { metrics: { url: `https://127.0.0.1:${tls.port}/v1/metrics`, role: 'certifier' } },
    });
    const target = await openHttpCertificationTarget(loaded);
    try {
      expect(target.contractVersion).toBe(reference.contractVersion);
      expect(target.identity).toMatchObject({
        kind: 'http',
        name: 'vendor under test',
        configDigest: loaded.digest,
      });
      expect((await target.client('auditor').verifyAuditChain()).status).toBe(200);
      expect(await target.readMetrics?.()).toMatch(/^# (HELP|TYPE) /m);
      expect(target.tls).toMatchObject({ host: '127.0.0.1', port: tls.port });
      expect(target.tokenKeys?.publicKeys).toEqual(reference.tokenKeys?.publicKeys);
      const report = await certifyAuth(target);
      expect(report.requirements[0].verdict).toBe('pass');
    } finally {
      await target.close();
    }
  });

  it('refuses a server whose certificate it cannot trust', async () => {
    const tls = reference.tls;
    if (!tls) throw new Error('the reference has no TLS endpoint');
    const target = await openHttpCertificationTarget(configFor(`https://127.0.0.1:${tls.port}`));
    try {
      const report = await certifyAuth(target);
      expect(report.requirements[0]).toMatchObject({
        verdict: 'not-evaluated',
        reason: expect.stringMatching(/did not answer.*(SELF_SIGNED|UNABLE_TO_VERIFY|certificate)/i),
      });
    } finally {
      await target.close();
    }
  });
});
