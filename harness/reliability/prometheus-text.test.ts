import { describe, expect, it } from 'vitest';
import { HttpMetrics } from '../../sim/services/metrics.ts';
import { ExpositionError, parseExposition } from './prometheus-text.ts';

describe('the strict Prometheus text reader', () => {
  it('reads counters, gauges and histograms with labels, escapes and timestamps', () => {
    const text = [
      '# HELP http_requests_total Requests, by "code".',
      '# TYPE http_requests_total counter',
      'http_requests_total{method="post",code="200"} 1027 1395066363000',
      'http_requests_total{method="post",code="400"}    3',
      '# TYPE temperature gauge',
      'temperature{path="C:\\\\DIR\\\\",note="a \\"quote\\"\\n"} -1.5e3',
      '# TYPE latency histogram',
      'latency_bucket{le="0.1"} 2',
      'latency_bucket{le="+Inf"} 5',
      'latency_sum 1.2',
      'latency_count 5',
      '# a free comment',
      'no_type_here NaN',
      '',
    ].join('\n');
    const families = parseExposition(text);
    expect(families.map((f) => [f.name, f.type, f.samples.length])).toEqual([
      ['http_requests_total', 'counter', 2],
      ['temperature', 'gauge', 1],
      ['latency', 'histogram', 4],
      ['no_type_here', 'untyped', 1],
    ]);
    expect(families[0].samples[0]).toEqual({
      name: 'http_requests_total',
      labels: { method: 'post', code: '200' },
      value: 1027,
      timestamp: 1395066363000,
    });
    expect(families[1].samples[0].labels).toEqual({ path: 'C:\\DIR\\', note: 'a "quote"\n' });
    expect(families[1].samples[0].value).toBe(-1500);
    expect(families[0].help).toBe('Requests, by "code".');
  });

  it('reads what the reference server renders', () => {
    const m = new HttpMetrics();
    m.observe('enrol', 201, 0.03);
    m.observe('verify', 200, 0.2);
    const families = parseExposition(m.render({ enrolments_total: 1 }));
    expect(families.map((f) => f.name)).toContain('dactylo_http_request_duration_seconds');
  });

  it.each([
    ['no final newline', 'a 1'],
    ['a value that is not a number', 'a one\n'],
    ['an unquoted label value', 'a{b=c} 1\n'],
    ['a label without a comma', 'a{b="1" c="2"} 1\n'],
    ['an unclosed label value', 'a{b="1} 1\n'],
    ['a bad escape', 'a{b="\\t"} 1\n'],
    ['a bad metric name', '1a 1\n'],
    ['a duplicate sample', 'a{b="1"} 1\na{b="1"} 2\n'],
    ['an unknown type', '# TYPE a gauges\na 1\n'],
    ['TYPE after the samples', 'a 1\n# TYPE a gauge\n'],
    ['two HELP lines', '# HELP a x\n# HELP a y\na 1\n'],
    ['text after the timestamp', 'a 1 2 3\n'],
    ['a non-integer timestamp', 'a 1 2.5\n'],
    ['a bucket without le', '# TYPE h histogram\nh_bucket 1\n'],
    ['buckets that are not cumulative', '# TYPE h histogram\nh_bucket{le="1"} 3\nh_bucket{le="+Inf"} 2\n'],
    ['no +Inf bucket', '# TYPE h histogram\nh_bucket{le="1"} 3\nh_count 3\n'],
    ['+Inf that differs from _count', '# TYPE h histogram\nh_bucket{le="+Inf"} 3\nh_count 4\n'],
    ['a JSON body', '{"metrics": []}\n'],
  ])('rejects %s', (_why, text) => {
    expect(() => parseExposition(text)).toThrow(ExpositionError);
  });
});
