import { connect, type Socket } from 'node:net';
import type { Done, LoadClient, WireRequest } from './http-client.ts';

/**
 * A lean HTTP/1.1 keep-alive client for the load workers: each request is serialised to bytes once
 * and reused, each connection carries one request at a time (no pipelining, like a browser or k6),
 * and a response is parsed only as far as its status and length (Content-Length or chunked). This
 * is what autocannon does too; node:http spends about twice the CPU per request on header objects,
 * events and validation a load client does not need (perf/bench/load-driver.ts measures both).
 */

const CRLF2 = Buffer.from('\r\n\r\n');

interface Conn {
  socket: Socket;
  done: Done | null;
  buffer: Buffer;
  /** Bytes the current response needs in total (headers + body), or -1 while unknown / chunked. */
  need: number;
  chunked: boolean;
  status: number;
  close: boolean;
}

function serialise(r: WireRequest, host: string): Buffer {
  let head = `${r.method} ${r.path} HTTP/1.1\r\nhost: ${host}\r\n`;
  for (const [k, v] of Object.entries(r.headers)) head += `${k}: ${v}\r\n`;
  head += `content-length: ${r.body ? r.body.length : 0}\r\n\r\n`;
  return r.body
    ? Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(r.body)])
    : Buffer.from(head, 'latin1');
}

/** Where a chunked body ends ("0\r\n\r\n" after the last chunk), or -1 if not yet received. */
function chunkedEnd(buf: Buffer, from: number): number {
  let at = from;
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', at, 'latin1');
    if (lineEnd < 0) return -1;
    const size = Number.parseInt(buf.toString('latin1', at, lineEnd), 16);
    if (Number.isNaN(size)) return -2;
    if (size === 0) {
      const end = buf.indexOf(CRLF2, lineEnd);
      return end < 0 ? -1 : end + 4;
    }
    at = lineEnd + 2 + size + 2;
    if (at > buf.length) return -1;
  }
}

export function rawHttpClient(origin: URL, maxConnections: number, timeoutMs: number): LoadClient {
  const host = origin.host;
  const hostname = origin.hostname.replace(/^\[|\]$/g, '');
  const port = Number(origin.port || 80);
  const bytes = new WeakMap<WireRequest, Buffer>();
  const idle: Conn[] = [];
  const all = new Set<Conn>();
  const queue: { req: WireRequest; done: Done }[] = [];

  const finish = (c: Conn, status: number, error: string | null) => {
    const done = c.done;
    c.done = null;
    c.buffer = Buffer.alloc(0);
    c.need = -1;
    c.chunked = false;
    if (error !== null || c.close) {
      all.delete(c);
      c.socket.destroy();
    } else idle.push(c);
    done?.(status, error);
    const next = queue.shift();
    if (next) send(next.req, next.done);
  };

  const parse = (c: Conn) => {
    if (c.need < 0 && !c.chunked) {
      const headEnd = c.buffer.indexOf(CRLF2);
      if (headEnd < 0) return;
      const head = c.buffer.toString('latin1', 0, headEnd).toLowerCase();
      c.status = Number(head.slice(9, 12));
      c.close = /\r\nconnection: *close/.test(head);
      const cl = /\r\ncontent-length: *(\d+)/.exec(head);
      if (cl) c.need = headEnd + 4 + Number(cl[1]);
      else if (/\r\ntransfer-encoding: *chunked/.test(head)) {
        c.chunked = true;
        c.need = -(headEnd + 4); // where the chunks start, negated while the end is unknown
      } else c.need = headEnd + 4; // no body (204, 304) — a body delimited by close is not supported
    }
    if (c.chunked) {
      const end = chunkedEnd(c.buffer, -c.need);
      if (end === -2) return finish(c, 0, 'bad-chunked-encoding');
      if (end < 0) return;
      return finish(c, c.status, null);
    }
    if (c.buffer.length >= c.need) finish(c, c.status, null);
  };

  const open = (): Conn => {
    const socket = connect({ host: hostname, port, noDelay: true });
    const c: Conn = {
      socket,
      done: null,
      buffer: Buffer.alloc(0),
      need: -1,
      chunked: false,
      status: 0,
      close: false,
    };
    socket.setTimeout(timeoutMs);
    socket.on('data', (d: Buffer) => {
      if (!c.done) return;
      c.buffer = c.buffer.length === 0 ? d : Buffer.concat([c.buffer, d]);
      parse(c);
    });
    socket.on('timeout', () => {
      if (c.done) finish(c, 0, 'timeout');
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (c.done) finish(c, 0, e.code ?? 'socket-error');
      else all.delete(c);
    });
    socket.on('close', () => {
      all.delete(c);
      const i = idle.indexOf(c);
      if (i >= 0) idle.splice(i, 1);
      if (c.done) finish(c, 0, 'ECONNRESET');
    });
    all.add(c);
    return c;
  };

  const send = (req: WireRequest, done: Done) => {
    let c = idle.pop();
    if (!c) {
      if (all.size >= maxConnections) {
        queue.push({ req, done });
        return;
      }
      c = open();
    }
    let b = bytes.get(req);
    if (!b) {
      b = serialise(req, host);
      bytes.set(req, b);
    }
    c.done = done;
    c.socket.write(b);
  };

  return {
    send,
    close() {
      for (const c of all) c.socket.destroy();
      all.clear();
      idle.length = 0;
    },
  };
}
