import type { OperationId } from './role-matrix.ts';

/** Upper bounds of the latency buckets, seconds (Prometheus `le`). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

/**
 * HTTP metrics in the Prometheus text exposition format 0.0.4. Labels are the contract's
 * operationId (or `unmatched`) and the status code: fixed vocabularies, so nothing a client sends
 * (and no personal data) can become a label or a new series.
 */
export class HttpMetrics {
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();

  observe(operation: OperationId | 'unmatched', status: number, seconds: number): void {
    const key = `${operation}\u0000${status}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    let h = this.latency.get(operation);
    if (!h) {
      h = { counts: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.latency.set(operation, h);
    }
    LATENCY_BUCKETS.forEach((le, i) => {
      if (seconds <= le) h.counts[i]++;
    });
    h.sum += seconds;
    h.count++;
  }

  /** The exposition text, with the domain's counters (names sanitised, values only) appended. */
  render(domain: Record<string, number> = {}): string {
    const lines: string[] = [
      '# HELP dactylo_http_requests_total HTTP requests answered, by contract operation and status.',
      '# TYPE dactylo_http_requests_total counter',
    ];
    for (const [key, n] of [...this.requests].sort(([a], [b]) => a.localeCompare(b))) {
      const [op, status] = key.split('\u0000');
      lines.push(`dactylo_http_requests_total{operation="${op}",status="${status}"} ${n}`);
    }
    lines.push(
      '# HELP dactylo_http_request_duration_seconds Time from request received to response sent.',
      '# TYPE dactylo_http_request_duration_seconds histogram',
    );
    for (const [op, h] of [...this.latency].sort(([a], [b]) => a.localeCompare(b))) {
      LATENCY_BUCKETS.forEach((le, i) => {
        lines.push(
          `dactylo_http_request_duration_seconds_bucket{operation="${op}",le="${le}"} ${h.counts[i]}`,
        );
      });
      lines.push(`dactylo_http_request_duration_seconds_bucket{operation="${op}",le="+Inf"} ${h.count}`);
      lines.push(`dactylo_http_request_duration_seconds_sum{operation="${op}"} ${h.sum}`);
      lines.push(`dactylo_http_request_duration_seconds_count{operation="${op}"} ${h.count}`);
    }
    for (const [name, value] of Object.entries(domain).sort(([a], [b]) => a.localeCompare(b))) {
      if (!Number.isFinite(value)) continue;
      const metric = `dactylo_${name.replace(/[^a-zA-Z0-9_]/g, '_')}`;
      lines.push(`# TYPE ${metric} gauge`, `${metric} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
