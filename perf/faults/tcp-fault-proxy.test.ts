import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpFaultProxy } from './tcp-fault-proxy.ts';

function echoServer(): Promise<Server> {
  const server = createServer((s) => s.pipe(s));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function roundTrip(port: number, text: string): Promise<string> {
  const s = connect(port, '127.0.0.1');
  s.write(text);
  const [data] = (await Promise.race([once(s, 'data'), once(s, 'close')])) as [Buffer | boolean];
  s.destroy();
  return Buffer.isBuffer(data) ? data.toString() : '';
}

describe('TcpFaultProxy', () => {
  let echo: Server;
  let proxy: TcpFaultProxy;
  beforeAll(async () => {
    echo = await echoServer();
    const address = echo.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    proxy = await TcpFaultProxy.start({ targetPort: address.port });
  });
  afterAll(async () => {
    await proxy.close();
    echo.close();
  });

  it('relays, drops live connections on cut, refuses new ones until restored', async () => {
    expect(await roundTrip(proxy.port, 'ping')).toBe('ping');
    const live: Socket = connect(proxy.port, '127.0.0.1');
    await once(live, 'connect');
    await new Promise((r) => setTimeout(r, 50));
    const closed = once(live, 'close');
    proxy.cut();
    await closed;
    expect(await roundTrip(proxy.port, 'ping')).toBe('');
    proxy.restore();
    expect(await roundTrip(proxy.port, 'pong')).toBe('pong');
  });
});
