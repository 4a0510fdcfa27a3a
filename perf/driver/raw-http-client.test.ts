import { createServer } from 'node:http';
import { afterAll, expect, it } from 'vitest';
import type { WireRequest } from './http-client.ts';
import { rawHttpClient } from './raw-http-client.ts';

// A server with every way of ending a response the client must understand.
const seen: string[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (d) => {
    body += d;
  });
  req.on('end', () => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''} ${body}`);
    if (req.url === '/chunked') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('a'.repeat(3000));
      setTimeout(() => res.end('b'.repeat(17)), 5);
    } else if (req.url === '/close')
      res.writeHead(201, { connection: 'close', 'content-length': '2' }).end('ok');
    else if (req.url === '/stall') setTimeout(() => res.end('late'), 2000);
    else if (req.url === '/empty') res.writeHead(204).end();
    else res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"not-found"}');
  });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const origin = new URL(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const get = (path: string, body: string | null = null): WireRequest => ({
  method: body ? 'POST' : 'GET',
  path,
  headers: { authorization: 'Bearer t' },
  body: body ? Buffer.from(body) : null,
});

const send = (c: ReturnType<typeof rawHttpClient>, r: WireRequest) =>
  new Promise<[number, string | null]>((resolve) => c.send(r, (status, error) => resolve([status, error])));

it('reads statuses of length-delimited, chunked, empty and connection-close responses over kept-alive sockets', async () => {
  const c = rawHttpClient(origin, 2, 1000);
  expect(await send(c, get('/chunked'))).toEqual([200, null]);
  expect(await send(c, get('/nothing', '{"x":1}'))).toEqual([404, null]);
  expect(await send(c, get('/empty'))).toEqual([204, null]);
  expect(await send(c, get('/close'))).toEqual([201, null]);
  expect(await Promise.all([1, 2, 3, 4].map(() => send(c, get('/chunked'))))).toEqual(
    Array(4).fill([200, null]),
  );
  expect(seen).toContain('POST /nothing Bearer t {"x":1}');
  c.close();
});

it('reports a stalled response as a timeout and a refused connection by its code', async () => {
  const c = rawHttpClient(origin, 1, 300);
  expect(await send(c, get('/stall'))).toEqual([0, 'timeout']);
  expect(await send(c, get('/empty'))).toEqual([204, null]);
  c.close();
  const refused = rawHttpClient(new URL('http://127.0.0.1:9'), 1, 300);
  expect(await send(refused, get('/'))).toEqual([0, 'ECONNREFUSED']);
});
