import { describe, expect, it } from 'vitest';
import { addDays, ageOn, birthday } from './age.ts';

describe('ageOn', () => {
  it('turns a year older on the birthday, not the day before', () => {
    expect(ageOn('2012-03-15', '2024-03-14')).toBe(11);
    expect(ageOn('2012-03-15', '2024-03-15')).toBe(12);
  });

  it('counts 29 February births as a year older on 1 March in common years', () => {
    expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
    expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
    expect(ageOn('2008-02-29', '2023-02-28')).toBe(14);
    expect(ageOn('2008-02-29', '2023-03-01')).toBe(15);
  });

  it('rejects malformed dates', () => {
    expect(() => ageOn('2008/02/29', '2024-01-01')).toThrow(/YYYY-MM-DD/);
  });
});

describe('birthday and addDays', () => {
  it('finds the nth birthday and the day before it', () => {
    expect(birthday('2008-02-29', 16)).toBe('2024-02-29');
    expect(birthday('2008-02-29', 15)).toBe('2023-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
  });
});
