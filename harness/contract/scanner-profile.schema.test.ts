import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCANNER_PROFILES_FILE } from '../../sim/scanner/scanner-profile.ts';
import { assertValid } from './validate.ts';

const SCHEMA = 'scanner-profile.schema.json';
const data = JSON.parse(readFileSync(SCANNER_PROFILES_FILE, 'utf8')) as {
  profiles: Record<string, unknown>[];
};

describe('scanner-profile.schema.json', () => {
  it('accepts sim/scanner/scanner-profiles.json', () => {
    expect(() => assertValid(SCHEMA, data)).not.toThrow();
  });

  it('rejects a mutant with two defects, a mutant not named mutant-, and an unknown technology', () => {
    const two = structuredClone(data);
    const mutant = two.profiles.find((p) => p.kind === 'mutant') as {
      defect: { patch: Record<string, unknown> };
    };
    mutant.defect.patch.optics = { psfSigmaMm: 0.1 };
    expect(() => assertValid(SCHEMA, two)).toThrow(/patch must NOT have more than 1 properties/);
    const named = structuredClone(data);
    (named.profiles.find((p) => p.kind === 'mutant') as { name: string }).name = 'blurry';
    expect(() => assertValid(SCHEMA, named)).toThrow(/name must match pattern/);
    const tech = structuredClone(data);
    (tech.profiles[0] as { technology: string }).technology = 'ultrasonic';
    expect(() => assertValid(SCHEMA, tech)).toThrow(/technology/);
  });
});
