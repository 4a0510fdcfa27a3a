import { describe, expect, it } from 'vitest';
import { requirements } from '../../requirements/catalogue.ts';
import type { CheckResult } from '../../scanner/check.ts';
import type { ConformanceReport } from '../../scanner/conformance.ts';
import { SCANNER_TEST_CHECKS, scannerConformanceSuite, scannerEvidence } from './scanner-suites.ts';

function check(
  id: string,
  verdict: CheckResult['verdict'],
  value: number | null = 1,
  reason?: string,
): CheckResult {
  return {
    id,
    title: id,
    clause: 'F.1',
    value,
    unit: 'u',
    limit: '≤ 2',
    verdict,
    ...(reason ? { reason } : {}),
  };
}

function report(checks: CheckResult[]): ConformanceReport {
  return {
    kind: 'dactylo-scanner-conformance',
    version: '0',
    seed: 's',
    spec: 'appendix-f',
    specTitle: 'FBI EBTS Appendix F',
    device: { source: 'device', name: 'dev', ppi: 500 },
    verdict: 'pass',
    summary: { pass: 0, fail: 0, notMeasured: 0 },
    checks,
  };
}

describe('scanner conformance as certification evidence', () => {
  it('produces exactly the scanner tests the SCA requirements list', () => {
    const listed = requirements()
      .filter((r) => r.family === 'SCA')
      .flatMap((r) => r.evidence.map((e) => e.test));
    expect([...scannerConformanceSuite.produces].sort()).toEqual([...new Set(listed)].sort());
    expect(scannerConformanceSuite.requires).toEqual(['scanners']);
  });

  it('passes a test when every covering check passes on every scanner', () => {
    const e = scannerEvidence('scanner/resolution', [
      {
        scanner: 'a',
        report: report(SCANNER_TEST_CHECKS['scanner/resolution'].map((id) => check(id, 'pass'))),
      },
    ]);
    expect(e).toMatchObject({ outcome: 'pass', summary: '3 checks passed on 1 scanner (appendix-f)' });
  });

  it('fails on one failing check of one scanner, and says which', () => {
    const good = report([check('pad-apcer-gelatine', 'pass'), check('pad-bpcer', 'pass')]);
    const bad = report([
      check('pad-apcer-gelatine', 'fail', 0.4, 'APCER 40 % above 10 %'),
      check('pad-bpcer', 'pass'),
    ]);
    const e = scannerEvidence('scanner/pad', [
      { scanner: 'a', report: good },
      { scanner: 'b', report: bad },
    ]);
    expect(e.outcome).toBe('fail');
    expect(e.summary).toBe('b pad-apcer-gelatine: 0.4 u (limit ≤ 2): APCER 40 % above 10 %');
  });

  it('turns not-measured into an error with the reason, and a missing check into an error', () => {
    const e = scannerEvidence('scanner/mtf', [
      { scanner: 'a', report: report([check('mtf', 'not-measured', null, 'no target')]) },
    ]);
    expect(e).toMatchObject({
      outcome: 'error',
      reason: expect.stringMatching(/a mtf: not measured .*no target/),
    });
    const none = scannerEvidence('scanner/snr', [{ scanner: 'a', report: report([check('mtf', 'pass')]) }]);
    expect(none).toMatchObject({ outcome: 'error', reason: expect.stringMatching(/has none of snr/) });
  });

  it('keeps capture latency out of the reproducible evidence', () => {
    const e = scannerEvidence('scanner/quality', [
      {
        scanner: 'a',
        report: report([check('quality-dfq', 'pass'), check('capture-latency', 'pass', 502.6)]),
      },
    ]);
    expect(JSON.stringify(e.details)).not.toContain('502.6');
    expect(e.volatile).toEqual({ 'a capture-latency (u)': 502.6 });
  });
});
