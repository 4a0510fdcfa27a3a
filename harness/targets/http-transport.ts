import type { FastifyInstance } from 'fastify';

export interface TransportRequest {
  method: string;
  /** Path and query, e.g. /v1/audit/events?after=10 */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface TransportResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** How a client reaches a target: over the network, or in-process for fast tests. */
export type HttpTransport = (r: TransportRequest) => Promise<TransportResponse>;

function lowerCaseHeaders(h: Record<string, unknown> | Headers): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = h instanceof Headers ? [...h.entries()] : Object.entries(h);
  for (const [k, v] of entries)
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

/** A target at a URL (a vendor's system, or `dactylo serve`). */
export function fetchTransport(baseUrl: string, init: { timeoutMs?: number } = {}): HttpTransport {
  return async (r) => {
    const res = await fetch(new URL(r.path, baseUrl), {
      method: r.method,
      headers: r.headers,
      body: r.body,
      signal: AbortSignal.timeout(init.timeoutMs ?? 30_000),
    });
    return { status: res.status, headers: lowerCaseHeaders(res.headers), body: await res.text() };
  };
}

/** The reference server in-process, through fastify's inject (no socket). */
export function injectTransport(app: FastifyInstance): HttpTransport {
  return async (r) => {
    const res = await app.inject({
      method: r.method as 'GET',
      url: r.path,
      headers: r.headers,
      ...(r.body === undefined ? {} : { payload: r.body }),
    });
    return { status: res.statusCode, headers: lowerCaseHeaders(res.headers), body: res.body };
  };
}
