import http from 'node:http';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTlsMaterial, type TlsMaterial } from '../../sim/services/tls-certificates.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import { harnessCanOffer, plainHttpRequest, servedInPlain, type TlsVersion, tlsProbe } from './tls-probe.ts';

let material: TlsMaterial;
const servers: { close(cb: () => void): unknown }[] = [];

async function listen(server: tls.Server | http.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

function tlsServer(minVersion: tls.SecureVersion): Promise<number> {
  const s = tls.createServer(
    { key: material.key, cert: material.cert, minVersion, ciphers: 'DEFAULT@SECLEVEL=0' },
    (sock) => sock.end(),
  );
  s.on('tlsClientError', () => {});
  return listen(s);
}

function target(port: number): CertificationTarget {
  return {
    identity: { kind: 'http', name: 'test', version: null, baseUrl: null, configDigest: null },
    tls: { host: '127.0.0.1', port, caCert: material.caCert },
  } as unknown as CertificationTarget;
}

const canOffer = (v: TlsVersion) => harnessCanOffer(v, material);

beforeAll(async () => {
  material = await generateTlsMaterial('127.0.0.1');
}, 30_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
});

describe('TLS probe', () => {
  it('this Node can offer TLS 1.0 and 1.1 at security level 0 (else the test would be skipped)', async () => {
    expect(await canOffer('TLSv1')).toBe(true);
    expect(await canOffer('TLSv1.1')).toBe(true);
  });

  it('passes a TLS ≥ 1.2 endpoint that drops plain HTTP', async () => {
    const [plain, versions] = await tlsProbe(target(await tlsServer('TLSv1.2')), canOffer);
    expect(plain.outcome, plain.summary).toBe('pass');
    expect(versions.outcome, versions.summary).toBe('pass');
  });

  it('fails an endpoint that still speaks TLS 1.0 and 1.1', async () => {
    const [, versions] = await tlsProbe(target(await tlsServer('TLSv1')), canOffer);
    expect(versions.outcome).toBe('fail');
    expect(versions.summary).toBe('TLSv1 accepted; TLSv1.1 accepted');
  });

  it('fails plain HTTP served on the probed port, and an http:// base URL', async () => {
    const port = await listen(http.createServer((_q, res) => res.end('{"status":"ok"}')));
    expect(servedInPlain(await plainHttpRequest({ host: '127.0.0.1', port }))).toBe(true);
    const [plain] = await tlsProbe(target(port), canOffer);
    expect(plain.outcome).toBe('fail');
    const t = target(port);
    t.identity.baseUrl = 'http://vendor.example/';
    expect((await tlsProbe(t, canOffer))[0].outcome).toBe('fail');
  });

  it('skips when the target gives no TLS endpoint', async () => {
    const t = { ...target(1), tls: undefined } as CertificationTarget;
    expect((await tlsProbe(t, canOffer)).map((e) => e.outcome)).toEqual(['skipped', 'skipped']);
  });
});
