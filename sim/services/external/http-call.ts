import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError } from '../../reference/domain-error.ts';

export interface RetryPolicy {
  /** Per attempt, milliseconds (default 2000). */
  timeoutMs?: number;
  /** Attempts after the first (default 2). */
  retries?: number;
  /** First back-off, doubled each retry, ±25 % jitter (default 100 ms). */
  backoffMs?: number;
}

export interface HttpCall {
  /** For errors and logs: "population register", "document issuer", "SMS gateway". */
  service: string;
  url: string;
  body: unknown;
  headers?: Record<string, string>;
  /** Statuses that are an answer rather than a failure (e.g. 404 "no such person"). */
  acceptStatuses?: readonly number[];
}

export interface HttpAnswer {
  status: number;
  json: unknown;
}

/** Why one attempt failed, and whether another attempt could help. */
class AttemptFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * One POST to an external system with a timeout per attempt and a bounded number of retries with
 * exponential back-off: retried on timeouts, connection failures, 5xx and 429; not on other 4xx
 * or an answer that is not JSON (repeating a request the other side rejects cannot help). Every
 * call must be safe to repeat (the callers send idempotency keys). Exhausted: DomainError
 * 'external-service-unavailable', naming the service and the last reason, never the payload.
 */
export async function postJson(call: HttpCall, policy: RetryPolicy = {}): Promise<HttpAnswer> {
  const retries = policy.retries ?? 2;
  let delay = policy.backoffMs ?? 100;
  let last: AttemptFailure | null = null;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) {
      await sleep(delay * (0.75 + Math.random() * 0.5));
      delay *= 2;
    }
    try {
      return await attemptOnce(call, policy.timeoutMs ?? 2000);
    } catch (e) {
      last = e instanceof AttemptFailure ? e : new AttemptFailure(`failed (${(e as Error).name})`, true);
      if (!last.retryable) break;
    }
  }
  const tries = retries + 1;
  throw new DomainError(
    'external-service-unavailable',
    `${call.service}: ${last?.message ?? 'no answer'}${last?.retryable ? ` after ${tries} attempts` : ''}`,
  );
}

async function attemptOnce(call: HttpCall, timeoutMs: number): Promise<HttpAnswer> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(call.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...call.headers },
      body: JSON.stringify(call.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new AttemptFailure(`no answer within ${timeoutMs} ms`, true);
    throw new AttemptFailure('connection failed', true);
  }
  const accepted =
    (res.status >= 200 && res.status < 300) || (call.acceptStatuses ?? []).includes(res.status);
  if (!accepted) {
    const retryable = res.status >= 500 || res.status === 429 || res.status === 408;
    throw new AttemptFailure(`answered HTTP ${res.status}`, retryable);
  }
  if (text.length === 0) return { status: res.status, json: null };
  try {
    return { status: res.status, json: JSON.parse(text) };
  } catch {
    throw new AttemptFailure(`answered HTTP ${res.status} with a body that is not JSON`, false);
  }
}

/** Throws the service's "unavailable" error when an answer lacks the shape the protocol promises. */
export function protocolError(service: string, what: string): DomainError {
  return new DomainError('external-service-unavailable', `${service}: answer ${what}`);
}
