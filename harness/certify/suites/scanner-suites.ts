import type { CheckResult } from '../../scanner/check.ts';
import { type ConformanceReport, runConformance } from '../../scanner/conformance.ts';
import { HttpDevice } from '../../scanner/sources/http-device.ts';
import type { SpecName } from '../../scanner/spec-limits.ts';
import type { CertificationContext, CertificationSuite, SuiteEvidence } from '../certification-suite.ts';

/**
 * Which conformance checks (harness/scanner/checks) give evidence for which certification test.
 * A prefix ending in '-' takes every check that starts with it (one APCER per PAI species).
 */
export const SCANNER_TEST_CHECKS: Readonly<Record<string, readonly string[]>> = {
  'scanner/resolution': ['resolution', 'geometric-accuracy-across', 'geometric-accuracy-along'],
  'scanner/mtf': ['mtf'],
  'scanner/snr': ['snr'],
  'scanner/uniformity': [
    'uniformity-adjacent-rows-columns',
    'uniformity-pixel-to-pixel',
    'uniformity-small-area',
  ],
  'scanner/linearity': ['linearity'],
  'scanner/gray-range': ['fingerprint-gray-range'],
  'scanner/capture-area': ['capture-area'],
  'scanner/image-format': ['image-format-png', 'image-format-iso19794-4'],
  'scanner/quality': ['quality-dfq', 'fingerprint-artefacts', 'failure-to-acquire', 'capture-latency'],
  'scanner/pad': ['pad-apcer-', 'pad-apcer', 'pad-bpcer'],
};

/** Checks whose value is a time: it varies run to run on a real device, so it goes in `volatile`. */
const TIMED_CHECKS = new Set(['capture-latency']);

/** The spec scanners are held to: FBI EBTS Appendix F, the stricter of the two. */
const SPEC: SpecName = 'appendix-f';
/** Live captures and attacks per species: the full panel, and a quick one that still decides every check. */
const PANEL = {
  full: { panelSize: 60, attacksPerSpecies: 24 },
  quick: { panelSize: 20, attacksPerSpecies: 10 },
};
const DEVICE_TIMEOUT_MS = 10_000;

function covers(test: string, checkId: string): boolean {
  return SCANNER_TEST_CHECKS[test].some((c) => (c.endsWith('-') ? checkId.startsWith(c) : checkId === c));
}

interface Finding {
  scanner: string;
  check: CheckResult;
}

function describe(f: Finding): string {
  const value = f.check.value === null ? 'not measured' : `${f.check.value} ${f.check.unit}`;
  return `${f.scanner} ${f.check.id}: ${value} (limit ${f.check.limit})${f.check.reason ? `: ${f.check.reason}` : ''}`;
}

/** One test's evidence from the checks that cover it, on every scanner. */
export function scannerEvidence(
  test: string,
  reports: readonly { scanner: string; report: ConformanceReport }[],
): SuiteEvidence {
  const findings: Finding[] = reports.flatMap(({ scanner, report }) =>
    report.checks.filter((c) => covers(test, c.id)).map((check) => ({ scanner, check })),
  );
  const details = findings.map((f) => ({
    scanner: f.scanner,
    check: f.check.id,
    clause: f.check.clause,
    verdict: f.check.verdict,
    ...(TIMED_CHECKS.has(f.check.id) ? {} : { value: f.check.value, unit: f.check.unit }),
    limit: f.check.limit,
  }));
  const volatile = Object.fromEntries(
    findings
      .filter((f) => TIMED_CHECKS.has(f.check.id) && f.check.value !== null)
      .map((f) => [`${f.scanner} ${f.check.id} (${f.check.unit})`, f.check.value as number]),
  );
  const base = { test, details, ...(Object.keys(volatile).length > 0 ? { volatile } : {}) };
  const missing = reports.filter((r) => !findings.some((f) => f.scanner === r.scanner));
  if (missing.length > 0)
    return {
      ...base,
      outcome: 'error',
      summary: `no conformance check covers ${test}`,
      reason: `the ${SPEC} conformance run of ${missing.map((m) => m.scanner).join(', ')} has none of ${SCANNER_TEST_CHECKS[test].join(', ')}`,
    };
  const failed = findings.filter((f) => f.check.verdict === 'fail');
  if (failed.length > 0) return { ...base, outcome: 'fail', summary: failed.map(describe).join('; ') };
  const unmeasured = findings.filter((f) => f.check.verdict === 'not-measured');
  if (unmeasured.length > 0)
    return {
      ...base,
      outcome: 'error',
      summary: 'not measured',
      reason: unmeasured.map(describe).join('; '),
    };
  return {
    ...base,
    outcome: 'pass',
    summary: `${findings.length} check${findings.length === 1 ? '' : 's'} passed on ${reports.length} scanner${reports.length === 1 ? '' : 's'} (${SPEC})`,
  };
}

async function certifyScanners(ctx: CertificationContext): Promise<SuiteEvidence[]> {
  const scanners = ctx.target.scanners ?? [];
  if (scanners.length === 0) throw new Error('the target lists no scanners');
  const panel = ctx.quick ? PANEL.quick : PANEL.full;
  const reports: { scanner: string; report: ConformanceReport }[] = [];
  for (const s of scanners) {
    const run = await runConformance({
      device: new HttpDevice(s.deviceUrl, DEVICE_TIMEOUT_MS),
      spec: SPEC,
      seed: ctx.seed,
      ...panel,
      onProgress: (stage, done, total) => {
        if (done === total) ctx.progress(`${s.name}: ${stage} (${total})`);
      },
    });
    reports.push({ scanner: s.name, report: run.report });
  }
  return Object.keys(SCANNER_TEST_CHECKS).map((test) => scannerEvidence(test, reports));
}

export const scannerConformanceSuite: CertificationSuite = {
  id: 'scanner-conformance',
  title: 'Scanner conformance',
  produces: Object.keys(SCANNER_TEST_CHECKS),
  requires: ['scanners'],
  run: certifyScanners,
};

export const SCANNER_SUITES: readonly CertificationSuite[] = [scannerConformanceSuite];
