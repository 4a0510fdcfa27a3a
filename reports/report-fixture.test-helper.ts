import { requirements } from '../harness/requirements/catalogue.ts';
import type { Evidence } from '../harness/requirements/evidence.ts';
import type { Capability } from '../harness/requirements/requirement.ts';
import { buildCertificationReport, type CertificationReport } from './certification-report.ts';

/**
 * A report over the real catalogue with evidence for a handful of requirements: some pass, one
 * fails, the rest are not evaluated for want of evidence. `startedAt` varies the timings only.
 */
export function sampleReport(
  startedAt = '2026-11-25T20:00:00.000Z',
  durationMs = 1234,
  extra: Capability[] = [],
): CertificationReport {
  const evidence: Evidence[] = [
    {
      test: 'leakage/canary-storage',
      outcome: 'measured',
      summary: '0 hits in 14 columns',
      measurements: { canaryHits: { value: 0, unit: 'hits' } },
    },
    {
      test: 'leakage/canary-text',
      outcome: 'measured',
      summary: '2 hits in the request log',
      measurements: { canaryHits: { value: 2, unit: 'hits' } },
      details: [{ location: 'log line 7', encoding: 'plain' }],
    },
    {
      test: 'leakage/identifier-analysis',
      outcome: 'measured',
      summary: 'UUIDv4',
      measurements: { entropyBits: { value: 121.7 }, dependenceFlags: { value: 0 } },
    },
    {
      test: 'biometrics/verification-impostor',
      outcome: 'measured',
      summary: '0 false matches',
      measurements: { fmr: { value: 0, errors: 0, trials: 3000 } },
    },
    {
      test: 'leakage/cross-database-linkability',
      outcome: 'measured',
      summary: 'undefined',
      measurements: { dSys: { value: Number.NaN } },
    },
    { test: 'security/jwt-alg-none', outcome: 'pass', summary: '401' },
  ];
  const capabilities = new Set<Capability>([
    'api',
    'fingerprint-database',
    'identity-registry',
    'logs',
    'metrics',
    ...extra,
  ]);
  const finishedAt = new Date(Date.parse(startedAt) + durationMs).toISOString();
  return buildCertificationReport({
    dactyloVersion: '0.1.0',
    contractVersion: '1.0.0',
    seed: 'certify-test',
    options: { population: 200, quick: true, flaw: null },
    target: {
      kind: 'reference',
      name: 'dactylo reference',
      version: '0.1.0',
      baseUrl: null,
      configDigest: null,
    },
    catalogue: requirements(),
    evidence,
    capabilities,
    figures: {
      det: [
        {
          label: 'reference',
          points: [
            { fmr: 1, fnmr: 0, threshold: 0 },
            { fmr: 0.01, fnmr: 0.02, threshold: 0.3 },
            { fmr: 0, fnmr: 1, threshold: 1 },
          ],
        },
      ],
      scoreHistogram: {
        min: 0,
        max: 1,
        bins: 2,
        genuine: [1, 9],
        impostor: [9, 1],
        genuineFailures: 0,
        impostorFailures: 0,
      },
      attacks: [
        { attack: 'leakage/iin-hash-reversal', requirement: 'DEP-HSH-01', successRate: 0, trials: 20 },
        { attack: 'leakage/hill-climbing', requirement: 'DEP-SCO-01', successRate: null, trials: 0 },
      ],
    },
    timings: {
      startedAt,
      finishedAt,
      durationMs,
      tests: [{ test: 'leakage/canary-storage', durationMs: 800 }],
    },
  });
}
