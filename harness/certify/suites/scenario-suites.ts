import { POLICY_BOUNDARIES, SITUATIONS } from '../../../scenarios/all-scenarios.ts';
import type { Scenario } from '../../../scenarios/scenario.ts';
import type { Capability } from '../../requirements/requirement.ts';
import type { CertificationContext, CertificationSuite, SuiteEvidence } from '../certification-suite.ts';

/**
 * Tells scenarios one after the other, in a fixed order (the order residents are drawn in). A
 * scenario that throws despite its own guard gives error evidence; the others still run.
 */
async function tellAll(ctx: CertificationContext, scenarios: readonly Scenario[]): Promise<SuiteEvidence[]> {
  const out: SuiteEvidence[] = [];
  for (const s of scenarios) {
    const started = performance.now();
    let evidence: SuiteEvidence;
    try {
      evidence = await s.run(ctx);
    } catch (e) {
      evidence = {
        test: s.id,
        outcome: 'error',
        summary: `${s.title}: could not be told`,
        reason: (e as Error)?.message ?? String(e),
      };
    }
    out.push({ ...evidence, volatile: { durationMs: Math.round(performance.now() - started) } });
  }
  return out;
}

function scenarioSuite(id: string, title: string, scenarios: readonly Scenario[]): CertificationSuite {
  return {
    id,
    title,
    produces: scenarios.map((s) => s.id),
    // Each story checks its own needs (and is skipped with the reason); the API is needed by all.
    requires: ['api'] as Capability[],
    run: (ctx) => tellAll(ctx, scenarios),
  };
}

export const SCENARIO_SUITES: readonly CertificationSuite[] = [
  scenarioSuite('scenarios/situations', 'Situations of the 2024 rules, told as stories', SITUATIONS),
  scenarioSuite('scenarios/policy-boundaries', 'Enrolment policy at its exact boundaries', POLICY_BOUNDARIES),
];
