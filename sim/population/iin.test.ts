import { describe, expect, it } from 'vitest';
import { centuryDigit, formatIin, iinCheckDigit, validateIin } from './iin.ts';

const digits = (s: string) => Array.from(s, Number);

describe('IIN check digit', () => {
  it('uses weights 1..11 when the remainder is not 10', () => {
    // 7·1+9·2+1·3+0·4+2·5+8·6+3·7+0·8+2·9+7·10+2·11 = 217; 217 mod 11 = 8.
    expect(iinCheckDigit(digits('79102830272'))).toBe(8);
  });

  it('falls back to weights 3..11,1,2 when the first remainder is 10', () => {
    // First pass: 0+12+3+8+5+6+42+0+0+0+11 = 87 ≡ 10. Second: 0+24+5+12+7+8+54+0+0+0+2 = 112 ≡ 2.
    expect(iinCheckDigit(digits('06121160001'))).toBe(2);
    // First pass: 8+10+0+20+5+42+28+0+0+40+0 = 153 ≡ 10. Second: 24+20+0+30+7+56+36+0+0+4+0 = 177 ≡ 1.
    expect(iinCheckDigit(digits('85051740040'))).toBe(1);
  });

  it('marks a number never issued when both remainders are 10', () => {
    // First: 9+0+0+4+0+6+21+0+0+80+0 = 120 ≡ 10. Second: 27+0+0+6+0+8+27+0+0+8+0 = 76 ≡ 10.
    expect(iinCheckDigit(digits('90010130080'))).toBe(-1);
    expect(formatIin(1990, 1, 1, 'M', 80)).toBeNull();
  });

  it('formats birth date, century-and-sex digit, registration number and check digit', () => {
    expect(formatIin(1979, 10, 28, 'M', 272)).toBe('791028302728');
    expect(formatIin(2006, 12, 11, 'F', 1)).toBe('061211600012');
    expect(formatIin(1985, 5, 17, 'F', 40)).toBe('850517400401');
  });

  it('gives 1/2 to the 1800s, 3/4 to the 1900s, 5/6 to the 2000s, odd for men', () => {
    expect([centuryDigit(1899, 'M'), centuryDigit(1899, 'F')]).toEqual([1, 2]);
    expect([centuryDigit(1900, 'M'), centuryDigit(1999, 'F')]).toEqual([3, 4]);
    expect([centuryDigit(2000, 'M'), centuryDigit(2099, 'F')]).toEqual([5, 6]);
    expect(() => centuryDigit(2100, 'M')).toThrow(RangeError);
  });
});

describe('validateIin', () => {
  it('accepts valid IINs and reads birth date and sex from them', () => {
    expect(validateIin('791028302728')).toEqual({
      valid: true,
      birthDate: '1979-10-28',
      sex: 'M',
      registration: 272,
    });
    expect(validateIin('061211600012')).toMatchObject({ valid: true, birthDate: '2006-12-11', sex: 'F' });
    expect(validateIin('850517400401')).toMatchObject({ valid: true, birthDate: '1985-05-17', sex: 'F' });
  });

  it.each([
    ['79102830272', 'length'],
    ['7910283027281', 'length'],
    ['', 'length'],
    ['79102830272X', 'non-digit'],
    ['7910 8302728', 'non-digit'],
    ['791028702728', 'bad-century-digit'],
    ['791028002728', 'bad-century-digit'],
    ['791328302728', 'bad-date'],
    ['790230302728', 'bad-date'],
    ['790000302728', 'bad-date'],
    ['791028302729', 'bad-check-digit'],
    ['900101300800', 'bad-check-digit'],
  ])('rejects %s for %s', (iin, reason) => {
    const v = validateIin(iin);
    expect(v).toMatchObject({ valid: false, reason });
    if (!v.valid) expect(v.message.length).toBeGreaterThan(0);
  });

  it('knows 29 February only in leap years, per century digit', () => {
    expect(validateIin(formatIin(2000, 2, 29, 'F', 5)!).valid).toBe(true);
    // 1900 was not a leap year: the same digits with century 3 are a bad date.
    const s = `000229${3}0005`;
    expect(validateIin(s + iinCheckDigit(digits(s))).valid).toBe(false);
  });
});
