import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../biometrics/certification-context.test-helper.ts';
import { requirements } from '../../requirements/catalogue.ts';
import type { Evidence } from '../../requirements/evidence.ts';
import { judge } from '../../requirements/verdict.ts';
import type { CertificationTarget } from '../../targets/certification-target.ts';
import { startReferenceCertificationTarget } from '../../targets/reference-certification-target.ts';
import { RELIABILITY_SUITES } from './reliability-suites.ts';

const REL = ['REL-IDM-01', 'REL-CRS-01', 'REL-EXT-01', 'REL-LOS-01', 'REL-HLT-01'];

async function runAll(target: CertificationTarget, seed: string): Promise<Evidence[]> {
  const ctx = testContext(target, { seed, quick: true });
  const out: Evidence[] = [];
  for (const s of RELIABILITY_SUITES) out.push(...(await s.run(ctx)));
  return out;
}

function verdicts(evidence: Evidence[], t: CertificationTarget) {
  return Object.fromEntries(
    requirements()
      .filter((r) => REL.includes(r.id))
      .map((r) => [r.id, judge(r, evidence, t.capabilities)]),
  );
}

describe('the reliability suites against the clean reference', () => {
  let target: CertificationTarget;
  let evidence: Evidence[];
  const started = Date.now();
  let seconds = 0;
  beforeAll(async () => {
    target = await startReferenceCertificationTarget({
      seed: 'rel-clean',
      databaseUrl: process.env.DATABASE_URL,
    });
    const t0 = Date.now();
    evidence = await runAll(target, 'rel-clean');
    seconds = (Date.now() - t0) / 1000;
  }, 600_000);
  afterAll(() => target?.close());

  it('passes every reliability requirement', () => {
    console.log(
      `reliability suites took ${seconds.toFixed(1)} s (target start ${((Date.now() - started) / 1000 - seconds).toFixed(1)} s)`,
    );
    for (const [id, v] of Object.entries(verdicts(evidence, target)))
      expect(v.verdict, `${id}: ${v.reason}`).toBe('pass');
  });

  it('crashed the service at every step of an enrolment and checked storage after each restart', () => {
    const crash = evidence.find((e) => e.test === 'reliability/crash-at-each-step');
    const outcomes =
      (crash?.details as { outcomes: { fault: string; afterRestart: string }[] } | undefined)?.outcomes ?? [];
    expect(outcomes.map((o) => o.fault)).toEqual([
      'crash after claimed',
      'crash after registry-pending',
      'crash after vault-written',
      'crash after document-issued',
      'crash after registry-committed',
    ]);
    // Before the commit point nothing survives; after it, the whole record does.
    expect(outcomes.map((o) => o.afterRestart)).toEqual(['none', 'none', 'none', 'none', 'one']);
  });

  it('fails health-metrics on metrics a scraper rejects or that carry an IIN-like label', async () => {
    const health = RELIABILITY_SUITES.find((x) => x.id === 'reliability-health');
    if (!health) throw new Error('no health suite');
    const withMetrics = (text: string): CertificationTarget => ({ ...target, readMetrics: async () => text });
    const json = await health.run(testContext(withMetrics('{"enrolments": 3}\n'), { seed: 'rel-json' }));
    expect(json[0].outcome).toBe('fail');
    expect(json[0].summary).toMatch(/not Prometheus text/);
    const leaky = await health.run(
      testContext(withMetrics('# TYPE enrolments_total counter\nenrolments_total{iin="870412300123"} 1\n'), {
        seed: 'rel-leak',
      }),
    );
    expect(leaky[0].outcome).toBe('fail');
    expect(leaky[0].summary).toMatch(/looks like an IIN/);
  });

  it('without in-process hooks, says why crash and outage were not tested (never a pass)', async () => {
    const vendorLike: CertificationTarget = { ...target, hooks: undefined };
    const ctx = testContext(vendorLike, { seed: 'rel-vendor', quick: true });
    const ev: Evidence[] = [];
    for (const s of RELIABILITY_SUITES.filter((x) => /crash|outage/.test(x.id)))
      ev.push(...(await s.run(ctx)));
    expect(ev.map((e) => e.outcome)).toEqual(['skipped', 'skipped']);
    const v = verdicts(ev, vendorLike);
    expect(v['REL-CRS-01'].verdict).toBe('not-evaluated');
    expect(v['REL-EXT-01'].verdict).toBe('not-evaluated');
  });
});
