import { describe, expect, it } from 'vitest';
import { MODIFIER_RULES, POLICY_RULES } from '../../sim/enrollment/rules.ts';
import { CatalogueError, checkCatalogue, evidenceTests, parseFamily, requirements } from './catalogue.ts';
import { FAMILIES, SOURCE_DOCUMENTS } from './requirement.ts';

describe('requirements catalogue', () => {
  const all = requirements();

  it('covers every family', () => {
    for (const f of FAMILIES) expect(all.filter((r) => r.family === f).length, f).toBeGreaterThan(0);
    expect(all.map((r) => r.family)).toEqual(
      [...all.map((r) => r.family)].sort((a, b) => FAMILIES.indexOf(a) - FAMILIES.indexOf(b)),
    );
  });

  it('has one POL requirement per rule of sim/enrollment/rules.ts, with the same ID and title', () => {
    const rules = [...POLICY_RULES, ...Object.values(MODIFIER_RULES)];
    const pol = all.filter((r) => r.family === 'POL');
    expect(pol.map((r) => r.id).sort()).toEqual(rules.map((r) => r.id).sort());
    for (const rule of rules) expect(pol.find((r) => r.id === rule.id)?.title).toBe(rule.title);
  });

  it('has one SCN requirement per situation of the issue, each with its own scenario suite', () => {
    const scn = all.filter((r) => r.family === 'SCN');
    expect(scn).toHaveLength(18);
    const suites = scn.flatMap((r) => r.evidence.map((e) => e.test));
    expect(new Set(suites).size).toBe(18);
  });

  it('cites only documents it can name in full', () => {
    for (const r of all) for (const s of r.sources) expect(SOURCE_DOCUMENTS[s.document], r.id).toBeTruthy();
  });

  it('lists every test certify must run, once', () => {
    const tests = evidenceTests();
    expect(tests).toContain('leakage/canary-storage');
    expect(tests).toContain('security/jwt-alg-none');
    expect(new Set(tests).size).toBe(tests.length);
  });

  it('names the file, the requirement and the field of a bad entry', () => {
    const bad = `- id: DEP-XYZ-01\n  title: A requirement without enough\n  sources: []\n  rationale: r\n  severity: urgent\n  requires: []\n  evidence: []\n  verdict: { rule: all-pass }\n`;
    expect(() => parseFamily('DEP.yaml', bad)).toThrow(/DEP\.yaml: DEP-XYZ-01: .*\/sources .*\/severity/s);
    expect(() => parseFamily('X.yaml', 'id: 1')).toThrow(/expected a list/);
    const pol = all.find((r) => r.id === 'POL-AGE-01')!;
    expect(() => parseFamily('SEC.yaml', `- ${JSON.stringify({ ...pol, family: 'SEC' })}`)).toThrow(
      /does not match the ID's prefix/,
    );
  });

  it('refuses a duplicate ID and a test listed twice', () => {
    const r = all[0];
    expect(() => checkCatalogue([r, r])).toThrow(CatalogueError);
    expect(() => checkCatalogue([{ ...r, evidence: [r.evidence[0], r.evidence[0]] }])).toThrow(
      /listed twice/,
    );
  });
});
