import { describe, expect, it } from 'vitest';
import { HttpMetrics } from './metrics.ts';

describe('HTTP metrics', () => {
  it('counts by operation and status and keeps cumulative latency buckets', () => {
    const m = new HttpMetrics();
    m.observe('enrol', 201, 0.02);
    m.observe('enrol', 201, 0.3);
    m.observe('enrol', 409, 0.004);
    m.observe('unmatched', 404, 0.001);
    const text = m.render({ enrolments: 2, 'vault.templates': 20 });
    expect(text).toContain('dactylo_http_requests_total{operation="enrol",status="201"} 2');
    expect(text).toContain('dactylo_http_requests_total{operation="enrol",status="409"} 1');
    expect(text).toContain('dactylo_http_requests_total{operation="unmatched",status="404"} 1');
    expect(text).toContain('dactylo_http_request_duration_seconds_bucket{operation="enrol",le="0.005"} 1');
    expect(text).toContain('dactylo_http_request_duration_seconds_bucket{operation="enrol",le="0.025"} 2');
    expect(text).toContain('dactylo_http_request_duration_seconds_bucket{operation="enrol",le="+Inf"} 3');
    expect(text).toContain('dactylo_http_request_duration_seconds_count{operation="enrol"} 3');
    expect(text).toContain('dactylo_vault_templates 20');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('is valid exposition text: every sample line is name{labels} value', () => {
    const m = new HttpMetrics();
    m.observe('verify', 200, 0.05);
    for (const line of m.render({ a: 1 }).trimEnd().split('\n')) {
      expect(line).toMatch(
        /^(# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\{[a-z]+="[^"]*"(,[a-z]+="[^"]*")*\})? [0-9.e+-]+)$/,
      );
    }
  });
});
