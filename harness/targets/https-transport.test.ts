import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkTransport, TargetUnreachable } from './https-transport.ts';

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/big') {
      res.end('x'.repeat(5000));
      return;
    }
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json', 'X-Echo': 'yes' });
      res.end(
        JSON.stringify({ method: req.method, url: req.url, body, auth: req.headers.authorization ?? null }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe('networkTransport', () => {
  it('prefixes contract paths with the base URL path and passes method, headers and body', async () => {
    const t = networkTransport(`${base}/fingerprints/`);
    const res = await t({
      method: 'POST',
      path: '/v1/verify?x=1',
      headers: { authorization: 'Bearer abc' },
      body: '{"a":1}',
    });
    expect(res.status).toBe(201);
    expect(res.headers['x-echo']).toBe('yes');
    expect(JSON.parse(res.body)).toEqual({
      method: 'POST',
      url: '/fingerprints/v1/verify?x=1',
      body: '{"a":1}',
      auth: 'Bearer abc',
    });
  });

  it('gives up on a body beyond the limit, and on a port nobody listens on', async () => {
    await expect(
      networkTransport(base, { maxBodyBytes: 1000 })({ method: 'GET', path: '/big', headers: {} }),
    ).rejects.toThrow(/exceeds 1000 bytes/);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const refused = networkTransport(`http://127.0.0.1:${port}`)({
      method: 'GET',
      path: '/v1/health',
      headers: {},
    });
    await expect(refused).rejects.toBeInstanceOf(TargetUnreachable);
    await expect(refused).rejects.toThrow(/ECONNREFUSED/);
  });

  it('accepts only http and https base URLs', () => {
    expect(() => networkTransport('ftp://example.org')).toThrow(/http:\/\/ or https:\/\//);
  });
});
