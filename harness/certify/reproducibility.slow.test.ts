import { describe, expect, it } from 'vitest';
import { reproducibleDigest } from '../../reports/certification-report.ts';
import { startReferenceCertificationTarget } from '../targets/reference-certification-target.ts';
import { enrolmentBody } from '../targets/reference-target.test-helper.ts';
import type { CertificationSuite } from './certification-suite.ts';
import { runCertification } from './run-certification.ts';
import { scannerConformanceSuite } from './suites/scanner-suites.ts';

/**
 * Enrols a few adults through the API and records what the target stored (subject ids, rows per
 * subject): on a deterministic target the same seed must store the same things.
 */
const storedIdentifiers: CertificationSuite = {
  id: 'stored-identifiers',
  title: 'What enrolment stores',
  produces: ['leakage/identifier-analysis'],
  requires: ['api', 'fingerprint-database'],
  async run(ctx) {
    const adults = ctx.residents.take(
      3,
      (r) => r.birthDate <= '1990-01-01' && r.fingers.available.length === 10,
      'repro',
    );
    for (const [i, r] of adults.entries()) {
      const res = await ctx.target
        .client('psc-operator')
        .enrol(enrolmentBody(r, { seed: ctx.seed, applicationDate: ctx.asOf }), {
          idempotencyKey: `repro-enrolment-${i}-000`,
        });
      if (res.status !== 201) throw new Error(`enrolment answered ${res.status}: ${res.raw}`);
    }
    const rows =
      (await ctx.target.fingerprintDatabase?.db.query<{ s: string; n: number }>(
        'SELECT subject_id::text AS s, count(*)::int AS n FROM vault.templates GROUP BY 1 ORDER BY 1',
      )) ?? [];
    return [
      {
        test: 'leakage/identifier-analysis',
        outcome: 'measured',
        summary: `${rows.length} subjects stored`,
        details: rows,
        measurements: {
          entropyBits: { value: 122, unit: 'bits' },
          dependenceFlags: { value: 0, unit: 'flags' },
        },
        volatile: { wallMs: performance.now() },
      },
    ];
  },
};

async function certifyOnce(seed: string) {
  const target = await startReferenceCertificationTarget({ seed });
  try {
    return await runCertification({
      target,
      seed,
      quick: true,
      population: 500,
      only: ['DEP-IID-01', 'SCA-FMT-01', 'SCA-RES-01', 'SCA-PAD-01'],
      suites: [storedIdentifiers, scannerConformanceSuite],
    });
  } finally {
    await target.close();
  }
}

describe('a certification of the reference', () => {
  it('reproduces its report for the same seed, apart from timings', async () => {
    const a = await certifyOnce('repro');
    const b = await certifyOnce('repro');
    for (const r of a.report.requirements)
      expect([r.id, r.verdict, r.reason]).toEqual([r.id, 'pass', r.reason]);
    expect(reproducibleDigest(b.report)).toBe(reproducibleDigest(a.report));
    expect(
      a.report.timings.tests.find((t) => t.test === 'leakage/identifier-analysis')?.volatile,
    ).toBeDefined();
    const stored = a.evidence.find((e) => e.test === 'leakage/identifier-analysis')?.details as {
      s: string;
    }[];
    expect(stored).toHaveLength(3);
  }, 1_800_000);
});
