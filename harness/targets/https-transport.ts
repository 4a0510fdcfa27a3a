import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { HttpTransport, TransportRequest, TransportResponse } from './http-transport.ts';

export interface NetworkTransportOptions {
  /** PEM of the CA that signed the target's certificate (its private CA); absent: the system's CAs. */
  ca?: string;
  /** Per request, connection to last byte (default 30 s). */
  timeoutMs?: number;
  /** The longest body read before giving up (a garbage target may stream forever). */
  maxBodyBytes?: number;
}

/** The target did not answer: refused, reset, timed out, bad certificate, or an endless body. */
export class TargetUnreachable extends Error {
  override name = 'TargetUnreachable';
}

const DEFAULT_MAX_BODY = 64 * 1024 * 1024;

function headersOf(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

function send(url: URL, r: TransportRequest, o: NetworkTransportOptions): Promise<TransportResponse> {
  const timeoutMs = o.timeoutMs ?? 30_000;
  const limit = o.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const fail = (why: string) =>
      reject(new TargetUnreachable(`${r.method} ${url.origin}${url.pathname}: ${why}`));
    const req = request(
      url,
      {
        method: r.method,
        headers: r.headers,
        ...(url.protocol === 'https:' && o.ca ? { ca: o.ca } : {}),
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > limit) {
            res.destroy();
            fail(`the response body exceeds ${limit} bytes`);
          } else chunks.push(c);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: headersOf(res),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (e) => fail(e.message));
      },
    );
    const deadline = setTimeout(
      () => req.destroy(new Error(`no complete answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    req.on('close', () => clearTimeout(deadline));
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) => fail(e.code ? `${e.code} (${e.message})` : e.message));
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}

/**
 * A vendor's target over the network with node:http(s): its private CA trusted (and nothing else
 * lowered — no disabled certificate checks), a deadline on every request, and failures to answer
 * reported as TargetUnreachable with the cause, so a report can say why nothing was tested.
 */
export function networkTransport(baseUrl: string, o: NetworkTransportOptions = {}): HttpTransport {
  const base = new URL(baseUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new RangeError(`the target's base URL must be http:// or https://, got ${base.protocol}`);
  // A base URL with a path (https://host/fingerprints/) prefixes every contract path.
  const prefix = base.pathname.replace(/\/+$/, '');
  return (r) => send(new URL(`${prefix}${r.path}`, base), r, o);
}
