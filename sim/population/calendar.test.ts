import { describe, expect, it } from 'vitest';
import { addYears, ageOn, civilOf, dayOf, isoOf, parseIso } from './calendar.ts';

describe('calendar', () => {
  it('agrees with Date.UTC over four centuries', () => {
    for (let day = -70_000; day < 80_000; day += 37) {
      expect(isoOf(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
      const [y, m, d] = civilOf(day);
      expect(dayOf(y, m, d)).toBe(day);
    }
  });

  it('parses real dates only', () => {
    expect(parseIso('1970-01-01')).toBe(0);
    expect(parseIso('2024-02-29')).toBe(dayOf(2024, 2, 29));
    expect(() => parseIso('2023-02-29')).toThrow(RangeError);
    expect(() => parseIso('2023-2-1')).toThrow(RangeError);
  });

  it('adds years keeping the calendar day, 29 February becoming 28', () => {
    expect(isoOf(addYears(parseIso('2015-06-30'), 10))).toBe('2025-06-30');
    expect(isoOf(addYears(parseIso('2016-02-29'), 10))).toBe('2026-02-28');
    expect(isoOf(addYears(parseIso('2016-02-29'), 8))).toBe('2024-02-29');
  });

  it('counts completed years of age', () => {
    const birth = parseIso('2009-01-02');
    expect(ageOn(birth, parseIso('2025-01-01'))).toBe(15);
    expect(ageOn(birth, parseIso('2025-01-02'))).toBe(16);
  });
});
