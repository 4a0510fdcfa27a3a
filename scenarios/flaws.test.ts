import { describe, expect, it } from 'vitest';
import type { PlantedFlaw } from '../sim/reference/planted-flaws.ts';
import { boundaryPolAge01 } from './boundary-pol-age-01.scenario.ts';
import { boundaryPolAge02 } from './boundary-pol-age-02.scenario.ts';
import { boundaryPolDup01 } from './boundary-pol-dup-01.scenario.ts';
import { boundaryPolRef01 } from './boundary-pol-ref-01.scenario.ts';
import { childOfEleven } from './child-of-eleven.scenario.ts';
import { doubleRegistration } from './double-registration.scenario.ts';
import { refusal } from './refusal.scenario.ts';
import { scenarioContext, startScenarioTarget } from './run-scenario.test-helper.ts';
import type { Scenario } from './scenario.ts';
import { voluntaryTwelveToSixteen } from './voluntary-twelve-to-sixteen.scenario.ts';

/** Each policy flaw of harness/flaws/catalogue.yaml, and the stories that must catch it by observation. */
const CAUGHT_BY: readonly [PlantedFlaw, Scenario[]][] = [
  ['under-12-prints-stored', [boundaryPolAge01, childOfEleven]],
  ['no-consent-12-16', [boundaryPolAge02, voluntaryTwelveToSixteen]],
  ['deduplication-off', [boundaryPolDup01, doubleRegistration]],
  ['refusal-in-vault', [boundaryPolRef01, refusal]],
];

// Flaws are planted in the in-process reference only; against a configured target there is nothing to plant.
describe.skipIf(Boolean(process.env.DACTYLO_TARGET_CONFIG))(
  'the scenarios have teeth: a planted policy flaw fails the stories that tell its rule',
  () => {
    for (const [flaw, scenarios] of CAUGHT_BY)
      it(`${flaw} fails ${scenarios.map((s) => s.id).join(' and ')}`, async () => {
        const target = await startScenarioTarget(flaw);
        try {
          const ctx = scenarioContext(target);
          for (const s of scenarios) {
            const e = await s.run(ctx);
            expect({ test: e.test, outcome: e.outcome }, e.summary).toEqual({ test: s.id, outcome: 'fail' });
          }
        } finally {
          await target.close();
        }
      });
  },
);
