import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

export interface TcpFaultProxyOptions {
  targetHost?: string;
  targetPort: number;
  /** Loopback port to listen on (default: any free port). */
  port?: number;
}

/**
 * A loopback TCP relay in front of a service (NATS, PostgreSQL) whose connection a fault test cuts and
 * restores: `cut()` drops every relayed connection and refuses new ones, as a pulled cable or a
 * crashed broker does to its clients; `restore()` accepts again.
 */
export class TcpFaultProxy {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private down = false;
  port = 0;

  private constructor(private readonly o: TcpFaultProxyOptions) {
    this.server = createServer((client) => this.relay(client));
  }

  static async start(o: TcpFaultProxyOptions): Promise<TcpFaultProxy> {
    const proxy = new TcpFaultProxy(o);
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
    });
    const address = proxy.server.address();
    if (address === null || typeof address === 'string') throw new Error('fault proxy has no TCP address');
    proxy.port = address.port;
    return proxy;
  }

  private relay(client: Socket): void {
    if (this.down) {
      client.destroy();
      return;
    }
    const upstream = tcpConnect(this.o.targetPort, this.o.targetHost ?? '127.0.0.1');
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  }

  get isCut(): boolean {
    return this.down;
  }

  cut(): void {
    this.down = true;
    for (const s of this.sockets) s.destroy();
  }

  restore(): void {
    this.down = false;
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
