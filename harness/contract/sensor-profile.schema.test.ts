import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SENSOR_PROFILES_FILE } from '../../sim/fingerprints/sensor-profile.ts';
import { assertValid } from './validate.ts';

const SCHEMA = 'sensor-profile.schema.json';
const data = JSON.parse(readFileSync(SENSOR_PROFILES_FILE, 'utf8')) as {
  profiles: Record<string, unknown>[];
};

describe('sensor-profile.schema.json', () => {
  it('accepts sim/fingerprints/sensor-profiles.json', () => {
    expect(() => assertValid(SCHEMA, data)).not.toThrow();
  });

  it('names the field of a bad profile', () => {
    const bad = structuredClone(data);
    (bad.profiles[0] as { ppi: number }).ppi = 0;
    expect(() => assertValid(SCHEMA, bad)).toThrow(/\/profiles\/0\/ppi/);
    const missing = structuredClone(data);
    delete (missing.profiles[1] as { rendering?: unknown }).rendering;
    expect(() => assertValid(SCHEMA, missing)).toThrow(/rendering/);
    const tech = structuredClone(data);
    (tech.profiles[2] as { technology: string }).technology = 'thermal-sweep';
    expect(() => assertValid(SCHEMA, tech)).toThrow(/technology/);
  });
});
