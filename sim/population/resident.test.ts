import { describe, expect, it } from 'vitest';
import { REGIONS } from './regions.ts';
import { generateResident, ResidentFactory } from './resident.ts';

describe('resident', () => {
  const factory = new ResidentFactory('resident-test');

  it('is the same whether generated alone, in order, or after others', () => {
    const inOrder = Array.from({ length: 300 }, (_, k) => factory.resident(k));
    const shuffled = new ResidentFactory('resident-test');
    for (const k of [299, 17, 0, 150, 42]) expect(shuffled.resident(k)).toEqual(inOrder[k]);
    expect(generateResident('resident-test', 123)).toEqual(inOrder[123]);
  });

  it('is addressable far into the population without producing those before', () => {
    const k = 19_999_999;
    expect(new ResidentFactory('resident-test').resident(k)).toEqual(generateResident('resident-test', k));
    expect(generateResident('resident-test', k).index).toBe(k);
  });

  it('shows each stage to an observer, without changing the result', () => {
    const stages: string[] = [];
    const observed = new ResidentFactory('resident-test').resident(77, (stage, data) => {
      stages.push(stage);
      expect(data).toBeDefined();
    });
    expect(stages).toEqual(['identity', 'status', 'name', 'region', 'fingers', 'life']);
    expect(observed).toEqual(factory.resident(77));
  });

  it('depends on the seed and on the as-of date', () => {
    const a = generateResident('resident-test', 5);
    expect(generateResident('other-seed', 5)).not.toEqual(a);
    expect(generateResident('resident-test', 5, '2026-01-01')).not.toEqual(a);
  });

  it('has Cyrillic names, their document Latin form, and a known region', () => {
    const codes = new Set(REGIONS.map((r) => r.code));
    for (let k = 0; k < 200; k++) {
      const r = factory.resident(k);
      expect(r.surname).toMatch(/^[А-ЯЁӘҒҚҢӨҰҮҺІ]/);
      expect(r.latin.surname).toMatch(/^[A-Z-]+$/);
      expect(codes.has(r.region)).toBe(true);
      expect(r.citizenship === 'KAZ').toBe(r.status === 'citizen');
    }
  });

  it('gives women female surnames: Kazakh and Russian -ов/-ев/-ин surnames end in -а', () => {
    const disagreeing = Array.from({ length: 2000 }, (_, k) => factory.resident(k)).filter(
      (r) =>
        (/(ов|ев|ёв|ин)$/.test(r.surname) && r.sex !== 'M') ||
        (/(ова|ева|ёва|ина)$/.test(r.surname) && r.sex !== 'F'),
    );
    expect(disagreeing).toEqual([]);
  });

  it('refuses as-of dates outside the IIN centuries and indices beyond capacity', () => {
    expect(() => new ResidentFactory('x', '1850-01-01')).toThrow(/as-of/);
    expect(() => new ResidentFactory('x', '2100-01-01')).toThrow(/as-of/);
    expect(() => factory.resident(-1)).toThrow(RangeError);
    expect(() => factory.resident(10 ** 12)).toThrow(RangeError);
  });
});
