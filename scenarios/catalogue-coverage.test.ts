import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCENARIO_SUITES } from '../harness/certify/suites/scenario-suites.ts';
import { requirements } from '../harness/requirements/catalogue.ts';
import { ALL_SCENARIOS } from './all-scenarios.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

describe('the scenarios and the requirements catalogue', () => {
  it('tell exactly the scenario tests the catalogue lists, each once', () => {
    const listed = new Set(
      requirements().flatMap((r) => r.evidence.map((e) => e.test).filter((t) => t.startsWith('scenarios/'))),
    );
    const told = ALL_SCENARIOS.map((s) => s.id);
    expect(new Set(told).size).toBe(told.length);
    expect([...told].sort()).toEqual([...listed].sort());
    expect(SCENARIO_SUITES.flatMap((s) => s.produces)).toEqual(told);
  });

  it('keep each story in the file named after it', () => {
    const files = new Set(readdirSync(here));
    expect(ALL_SCENARIOS.filter((s) => !files.has(`${s.id.slice('scenarios/'.length)}.scenario.ts`))).toEqual(
      [],
    );
  });
});
