import type { WireRequest } from '../driver/http-client.ts';

/** One enrolment of the stream: when it was first sent, how that attempt ended, and its acknowledgement. */
export interface StreamedEnrolment {
  readonly iin: string;
  readonly request: WireRequest;
  /** ms since the stream started. */
  firstSentAt: number;
  /** HTTP status or transport error of the first attempt (null until it ends). */
  firstOutcome: number | string | null;
  /** ms from the first send to the end of the first attempt. */
  firstLatency: number | null;
  attempts: number;
  /** ms since the stream started, of the 201 (null: never acknowledged). */
  acknowledgedAt: number | null;
  applicationId: string | null;
  status: string | null;
  fingersCaptured: number[];
}

/**
 * Enrolments sent on a schedule (one every 1/rate s, whether or not earlier ones returned, unless
 * `maxInFlight` are still unanswered: then that arrival is skipped and counted) until stopped, then retried with the same Idempotency-Key until acknowledged
 * or out of time: what a PSC client does after an outage. An enrolment counts as acknowledged when
 * the reference answered 201; those are the ones that must never be lost.
 */
export class EnrolmentStream {
  readonly sent: StreamedEnrolment[] = [];
  private readonly started = performance.now();

  /** Arrivals not sent because `maxInFlight` enrolments were already waiting for an answer. */
  skipped = 0;
  private inFlight = 0;

  constructor(
    private readonly target: string,
    private readonly requests: readonly { iin: string; request: WireRequest }[],
    private readonly timeoutMs = 5000,
    /** A PSC has a few operators, each waiting for their answer: a slow machine is not flooded. */
    private readonly maxInFlight = 4,
  ) {}

  now(): number {
    return performance.now() - this.started;
  }

  private stopped = false;
  private sending: Promise<void> | null = null;

  /** Starts sending at `ratePerS` until `stop()` or the prepared enrolments run out. */
  start(ratePerS: number): void {
    this.sending = this.send(ratePerS);
  }

  /** Stops sending, resolving when every first attempt has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.sending;
  }

  private async send(ratePerS: number): Promise<void> {
    const pending: Promise<void>[] = [];
    const begin = this.now();
    let next = 0;
    for (let k = 0; next < this.requests.length && !this.stopped; k++) {
      const wait = begin + (k * 1000) / ratePerS - this.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (this.stopped) break;
      if (this.inFlight >= this.maxInFlight) {
        this.skipped++;
        continue;
      }
      const e: StreamedEnrolment = {
        ...this.requests[next++],
        firstSentAt: this.now(),
        firstOutcome: null,
        firstLatency: null,
        attempts: 0,
        acknowledgedAt: null,
        applicationId: null,
        status: null,
        fingersCaptured: [],
      };
      this.sent.push(e);
      pending.push(
        this.attempt(e).then((outcome) => {
          e.firstOutcome = outcome;
          e.firstLatency = this.now() - e.firstSentAt;
        }),
      );
    }
    await Promise.all(pending);
  }

  /** Resolves once `n` enrolments first sent at or after `since` were acknowledged at the first try. */
  async acknowledged(n: number, since: number, withinMs: number): Promise<boolean> {
    const until = this.now() + withinMs;
    while (this.now() < until) {
      if (this.sent.filter((e) => e.firstSentAt >= since && e.firstOutcome === 201).length >= n) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }

  /** Re-sends every unacknowledged enrolment, `maxInFlight` at a time, until all are acknowledged or time is up. */
  async retryUnacknowledged(withinMs: number): Promise<void> {
    const until = this.now() + withinMs;
    for (let round = 0; this.now() < until; round++) {
      const open = this.sent.filter((e) => e.acknowledgedAt === null);
      if (open.length === 0) return;
      let next = 0;
      const operator = async () => {
        while (next < open.length && this.now() < until) await this.attempt(open[next++]);
      };
      await Promise.all(Array.from({ length: this.maxInFlight }, operator));
      await new Promise((r) => setTimeout(r, Math.min(1000, 100 * 2 ** round)));
    }
  }

  private async attempt(e: StreamedEnrolment): Promise<number | string> {
    e.attempts++;
    this.inFlight++;
    try {
      const res = await fetch(this.target + e.request.path, {
        method: e.request.method,
        headers: e.request.headers,
        body: e.request.body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.text();
      if (res.status === 201) {
        const body = JSON.parse(text) as { applicationId: string; status: string; fingersCaptured: number[] };
        e.acknowledgedAt ??= this.now();
        e.applicationId = body.applicationId;
        e.status = body.status;
        e.fingersCaptured = body.fingersCaptured;
      }
      return res.status;
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause;
      return cause?.code ?? (err as Error).name;
    } finally {
      this.inFlight--;
    }
  }

  /** Share of first attempts that did not end in 201, and those sent in [from, to) ms. */
  errorRate(from = 0, to = Number.POSITIVE_INFINITY): { sent: number; failed: number } {
    const window = this.sent.filter((e) => e.firstSentAt >= from && e.firstSentAt < to);
    return { sent: window.length, failed: window.filter((e) => e.firstOutcome !== 201).length };
  }

  /** First-attempt outcomes by status or error code, e.g. { 201: 50, ECONNREFUSED: 6 }. */
  outcomes(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.sent) out[String(e.firstOutcome)] = (out[String(e.firstOutcome)] ?? 0) + 1;
    return out;
  }

  /** ms from `at` to the first acknowledgement of an enrolment first sent at or after it, or null. */
  recoveredAfter(at: number): number | null {
    const acks = this.sent
      .filter((e) => e.firstSentAt >= at && e.firstOutcome === 201 && e.acknowledgedAt !== null)
      .map((e) => e.acknowledgedAt as number);
    return acks.length === 0 ? null : Math.min(...acks) - at;
  }
}
