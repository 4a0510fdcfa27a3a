import { describe, expect, it } from 'vitest';
import { requirements } from '../requirements/catalogue.ts';
import { CERTIFICATION_SUITES } from './suites.ts';

/** test ID → the suites that produce it. */
function producers(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of CERTIFICATION_SUITES) for (const t of s.produces) out.set(t, [...(out.get(t) ?? []), s.id]);
  return out;
}

describe('the certification suite registry', () => {
  it('produces every test a requirement lists, each in exactly one suite', () => {
    const by = producers();
    const listed = [...new Set(requirements().flatMap((r) => r.evidence.map((e) => e.test)))].sort();
    const missing = listed.filter((t) => !by.has(t));
    const twice = listed
      .filter((t) => (by.get(t)?.length ?? 0) > 1)
      .map((t) => `${t} (${by.get(t)?.join(', ')})`);
    expect({ missing, twice }).toEqual({ missing: [], twice: [] });
  });

  it('produces no test that no requirement lists (its evidence would be judged by nothing)', () => {
    const listed = new Set(requirements().flatMap((r) => r.evidence.map((e) => e.test)));
    expect([...producers().keys()].filter((t) => !listed.has(t))).toEqual([]);
  });

  it('names every suite uniquely', () => {
    const ids = CERTIFICATION_SUITES.map((s) => s.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});
