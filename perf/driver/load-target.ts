import { request } from 'node:http';
import { isIP } from 'node:net';

/** A target the driver refuses or cannot reach; `usage` when the user must change the flag. */
export class TargetError extends Error {
  override name = 'TargetError';
  constructor(
    message: string,
    readonly usage: boolean,
  ) {
    super(message);
  }
}

function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/**
 * The target URL, checked before anything is sent: http only (the driver's client), and loopback
 * unless the user says otherwise — a load run against someone else's system must be deliberate.
 */
export function parseTarget(target: string, allowRemote: boolean): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new TargetError(`--target '${target}' is not a URL (e.g. http://127.0.0.1:8080)`, true);
  }
  if (url.protocol !== 'http:')
    throw new TargetError(
      `--target must be an http:// URL, got ${url.protocol}// (the built-in driver speaks plain HTTP)`,
      true,
    );
  if (!isLoopback(url.hostname) && !allowRemote)
    throw new TargetError(
      `--target ${url.host} is not a loopback address: load is sent only to 127.0.0.1/::1/localhost unless --allow-remote is given`,
      true,
    );
  return url;
}

/** One GET of the target's root: any HTTP answer proves it is there; no answer in time is an error. */
export function probeTarget(url: URL, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) =>
      reject(new TargetError(`cannot reach target ${url.origin}: ${why}; nothing was sent`, false));
    const req = request(url, { method: 'GET', timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve());
      res.on('error', (e) => fail(e.message));
    });
    req.on('timeout', () => {
      req.destroy();
      fail(`no answer within ${timeoutMs} ms`);
    });
    req.on('error', (e) => fail((e as NodeJS.ErrnoException).code ?? e.message));
    req.end();
  });
}
