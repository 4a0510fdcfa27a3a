import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CertificationContext } from '../harness/certify/certification-suite.ts';
import { ResidentPool } from '../harness/certify/resident-pool.ts';
import type { Evidence } from '../harness/requirements/evidence.ts';
import type { CertificationTarget } from '../harness/targets/certification-target.ts';
import { startReferenceCertificationTarget } from '../harness/targets/reference-certification-target.ts';
import { POPULATION_TUNING } from '../sim/population/tuning.ts';
import { stream } from '../sim/random/index.ts';
import type { PlantedFlaw } from '../sim/reference/planted-flaws.ts';
import type { Scenario } from './scenario.ts';

export const SCENARIO_SEED = 'scenarios';
/** Residents the stories may draw from: enough for every story of one run, with room to spare. */
const POPULATION = 2000;

/** A run's context over a target, as the certification runner builds it (no figures, no progress). */
export function scenarioContext(target: CertificationTarget, seed = SCENARIO_SEED): CertificationContext {
  const asOf = POPULATION_TUNING.defaultAsOf;
  return {
    target,
    seed,
    quick: true,
    asOf,
    random: (...keys) => stream(seed, 'certify', ...keys),
    residents: new ResidentPool(seed, asOf, POPULATION),
    figures: { det() {}, scoreHistogram() {}, attack() {} },
    progress() {},
  };
}

/**
 * The target the scenarios run against: the in-process reference (with a planted flaw, if asked),
 * or the target a config names (DACTYLO_TARGET_CONFIG).
 */
export async function startScenarioTarget(flaw?: PlantedFlaw): Promise<CertificationTarget> {
  const config = process.env.DACTYLO_TARGET_CONFIG;
  if (config) {
    if (flaw)
      throw new Error(`a flaw (${flaw}) can only be planted in the in-process reference, not in ${config}`);
    // Loaded only here: the reference runs, the usual case, need neither module.
    const { loadTargetConfig } = await import('../harness/certify/target-config.ts');
    const { openHttpCertificationTarget } = await import('../harness/targets/http-certification-target.ts');
    return openHttpCertificationTarget(await loadTargetConfig(config));
  }
  // A local PostgreSQL (DATABASE_URL) starts a target in a fraction of PGlite's time.
  return startReferenceCertificationTarget({
    seed: SCENARIO_SEED,
    flaw: flaw ?? null,
    databaseUrl: process.env.DATABASE_URL || undefined,
  });
}

/** Every check that failed, or the reason the story could not be told, for the test's message. */
export function explain(e: Evidence): string {
  const details = e.details as { failed?: string[] } | undefined;
  return [e.summary, e.reason, ...(details?.failed ?? [])].filter(Boolean).join('\n  ');
}

/**
 * One vitest test per scenario over one target started for the file: each story must pass, and
 * when it does not, the failed checks are the message.
 */
export function runScenarios(...scenarios: Scenario[]): void {
  let target: CertificationTarget;
  let ctx: CertificationContext;
  beforeAll(async () => {
    target = await startScenarioTarget();
    ctx = scenarioContext(target);
  }, 120_000);
  afterAll(() => target?.close());
  for (const s of scenarios)
    it(`${s.id}: ${s.title}`, async () => {
      const evidence = await s.run(ctx);
      expect(evidence.outcome, explain(evidence)).toBe('pass');
      expect(evidence.test).toBe(s.id);
    });
}
