import { describe, expect, it } from 'vitest';
import { PLANTED_FLAWS } from '../../sim/reference/planted-flaws.ts';
import { FlawCatalogueError, flawById, flaws, parseFlaws } from './flaws.ts';

describe('flaw catalogue', () => {
  it('lists the fifteen flaws of the issue, exactly the ones the reference can plant', () => {
    const ids = flaws().map((f) => f.id);
    expect(ids).toHaveLength(15);
    expect([...ids].sort()).toEqual([...PLANTED_FLAWS].sort());
    for (const id of PLANTED_FLAWS) expect(flawById(id), id).toBeDefined();
  });

  it('refuses an unknown requirement, a bad id, a duplicate and an unknown field', () => {
    const ok = 'title: t\n  description: d\n  caughtBy: [DEP-PII-01]';
    expect(() => parseFlaws(`- id: x\n  ${ok.replace('DEP-PII-01', 'DEP-NOPE-99')}`)).toThrow(
      /no such requirement DEP-NOPE-99/,
    );
    expect(() => parseFlaws(`- id: Bad_Id\n  ${ok}`)).toThrow(/kebab-case/);
    expect(() => parseFlaws(`- id: a\n  ${ok}\n- id: a\n  ${ok}`)).toThrow(/flaw a: defined twice/);
    expect(() => parseFlaws(`- id: a\n  ${ok}\n  severity: high`)).toThrow(FlawCatalogueError);
    expect(() => parseFlaws(`- id: a\n  title: t\n  description: d\n  caughtBy: []`)).toThrow(/at least one/);
  });
});
