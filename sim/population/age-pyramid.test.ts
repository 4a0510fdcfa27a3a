import { describe, expect, it } from 'vitest';
import { AGE_BAND_TARGETS, AGE_PYRAMID, MAX_AGE } from './age-pyramid.ts';
import { birthSlots } from './birth-slots.ts';
import { ageOn, parseIso } from './calendar.ts';

describe('age pyramid', () => {
  const total = [...AGE_PYRAMID.male, ...AGE_PYRAMID.female].reduce((a, b) => a + b, 0);
  const share = (from: number, to: number) => {
    let s = 0;
    for (let a = from; a <= to; a++) s += AGE_PYRAMID.male[a] + AGE_PYRAMID.female[a];
    return s / total;
  };

  it('covers ages 0..100 with positive weights totalling about 20 million', () => {
    expect(AGE_PYRAMID.male.length).toBe(MAX_AGE + 1);
    expect([...AGE_PYRAMID.male, ...AGE_PYRAMID.female].every((w) => w > 0)).toBe(true);
    expect(total).toBeGreaterThan(19_000_000);
    expect(total).toBeLessThan(21_000_000);
  });

  it('reproduces the cited shares under 12, 12–15 and 16+ within a percentage point', () => {
    expect(Math.abs(share(0, 11) - AGE_BAND_TARGETS.under12)).toBeLessThan(0.01);
    expect(Math.abs(share(12, 15) - AGE_BAND_TARGETS.from12to15)).toBeLessThan(0.01);
    expect(Math.abs(share(16, MAX_AGE) - AGE_BAND_TARGETS.from16)).toBeLessThan(0.01);
  });

  it('has more women than men among the old, as the statistics do', () => {
    let men = 0;
    let women = 0;
    for (let a = 75; a <= MAX_AGE; a++) {
      men += AGE_PYRAMID.male[a];
      women += AGE_PYRAMID.female[a];
    }
    expect(women / men).toBeGreaterThan(2);
  });

  it('lays the pyramid over days so that each age gets its share', () => {
    const asOf = parseIso('2025-01-01');
    const { cdf } = birthSlots(asOf);
    let under12 = 0;
    for (let i = 0; i < cdf.length; i++) {
      const p = cdf[i] - (i > 0 ? cdf[i - 1] : 0);
      if (ageOn(asOf - (i >> 1), asOf) < 12) under12 += p;
    }
    expect(under12).toBeCloseTo(share(0, 11), 6);
  });
});
