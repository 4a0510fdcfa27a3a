import { Agent, request } from 'node:http';
import { rawHttpClient } from './raw-http-client.ts';

/** A request ready for the wire: everything computed before the run. */
export interface WireRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
}

/** Outcome of one request: an HTTP status, or the transport error's code (ECONNREFUSED, timeout…). */
export type Done = (status: number, error: string | null) => void;

export interface LoadClient {
  send(req: WireRequest, done: Done): void;
  close(): void;
}

export type ClientKind = 'raw' | 'http' | 'fetch';

/**
 * node:http with a keep-alive agent sized to the in-flight bound. Responses are drained and dropped:
 * a load client only needs the status. The timeout is the socket's idle time, which fires for a
 * server that stalls without the cost of one timer per request.
 */
function httpClient(origin: URL, maxSockets: number, timeoutMs: number): LoadClient {
  const agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' });
  const host = origin.hostname.replace(/^\[|\]$/g, '');
  const port = Number(origin.port || 80);
  return {
    send(r, done) {
      let finished = false;
      const finish = (status: number, error: string | null) => {
        if (finished) return;
        finished = true;
        done(status, error);
      };
      const req = request(
        { agent, host, port, method: r.method, path: r.path, headers: r.headers, timeout: timeoutMs },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => finish(res.statusCode ?? 0, null));
          res.on('error', (e) => finish(0, (e as NodeJS.ErrnoException).code ?? 'response-error'));
        },
      );
      req.on('timeout', () => {
        finish(0, 'timeout');
        req.destroy();
      });
      req.on('error', (e) => finish(0, (e as NodeJS.ErrnoException).code ?? 'request-error'));
      req.end(r.body ?? undefined);
    },
    close() {
      agent.destroy();
    },
  };
}

/** Node's built-in fetch, for comparison in perf/bench/load-driver.ts. */
function fetchClient(origin: URL, timeoutMs: number): LoadClient {
  return {
    send(r, done) {
      fetch(new URL(r.path, origin), {
        method: r.method,
        headers: r.headers,
        body: r.body ?? undefined,
        signal: AbortSignal.timeout(timeoutMs),
      })
        .then(async (res) => {
          await res.arrayBuffer();
          done(res.status, null);
        })
        .catch((e: Error & { cause?: { code?: string } }) =>
          done(0, e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.name)),
        );
    },
    close() {},
  };
}

export function loadClient(kind: ClientKind, origin: URL, maxSockets: number, timeoutMs: number): LoadClient {
  if (kind === 'raw') return rawHttpClient(origin, maxSockets, timeoutMs);
  return kind === 'fetch' ? fetchClient(origin, timeoutMs) : httpClient(origin, maxSockets, timeoutMs);
}
