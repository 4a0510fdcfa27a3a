import { dayOf, isoOf } from './calendar.ts';

/**
 * Kazakhstan's individual identification number (ЖСН/ИИН): YYMMDD of birth, a century-and-sex
 * digit, a 4-digit registration number and a check digit (Law of 12 January 2007 No. 223
 * "On national registers of identification numbers"; algorithm as in shared/docs/standards.md).
 */

export type Sex = 'M' | 'F';

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/**
 * Check digit of the first 11 digits, or -1 when the number is never issued (the remainder is 10
 * under both weightings, so the registry draws another registration number).
 */
export function iinCheckDigit(digits: ArrayLike<number>): number {
  let first = 0;
  let second = 0;
  for (let i = 0; i < 11; i++) {
    first += digits[i] * FIRST_WEIGHTS[i];
    second += digits[i] * SECOND_WEIGHTS[i];
  }
  const c1 = first % 11;
  if (c1 !== 10) return c1;
  const c2 = second % 11;
  return c2 === 10 ? -1 : c2;
}

/** Century-and-sex digit: 1/2 for the 1800s, 3/4 for the 1900s, 5/6 for the 2000s; odd is male. */
export function centuryDigit(year: number, sex: Sex): number {
  const century = Math.floor(year / 100) - 18;
  if (century < 0 || century > 2) throw new RangeError(`no IIN century digit for year ${year}`);
  return 1 + century * 2 + (sex === 'M' ? 0 : 1);
}

/** The 11 leading digits for a birth date, sex and registration number 0..9999. */
export function iinPrefix(y: number, m: number, d: number, sex: Sex, registration: number): Uint8Array {
  return fillPrefix(new Uint8Array(11), y, m, d, sex, registration);
}

function fillPrefix(
  out: Uint8Array,
  y: number,
  m: number,
  d: number,
  sex: Sex,
  registration: number,
): Uint8Array {
  const yy = y % 100;
  out[0] = Math.floor(yy / 10);
  out[1] = yy % 10;
  out[2] = Math.floor(m / 10);
  out[3] = m % 10;
  out[4] = Math.floor(d / 10);
  out[5] = d % 10;
  out[6] = centuryDigit(y, sex);
  out[7] = Math.floor(registration / 1000);
  out[8] = Math.floor(registration / 100) % 10;
  out[9] = Math.floor(registration / 10) % 10;
  out[10] = registration % 10;
  return out;
}

// formatIin runs once per resident: one scratch buffer instead of an allocation each time.
const scratch = new Uint8Array(11);

/** The full IIN, or null when this registration number yields no issuable check digit. */
export function formatIin(y: number, m: number, d: number, sex: Sex, registration: number): string | null {
  const digits = fillPrefix(scratch, y, m, d, sex, registration);
  const check = iinCheckDigit(digits);
  if (check < 0) return null;
  const mmdd = m * 100 + d;
  const tail = digits[6] * 100000 + registration * 10 + check;
  return String(10000 * (100 + (y % 100)) + mmdd).slice(1) + String(tail);
}

export type IinFailure = 'length' | 'non-digit' | 'bad-century-digit' | 'bad-date' | 'bad-check-digit';

export type IinValidation =
  | { valid: true; birthDate: string; sex: Sex; registration: number }
  | { valid: false; reason: IinFailure; message: string };

const fail = (reason: IinFailure, message: string): IinValidation => ({ valid: false, reason, message });

/** Checks an IIN and says why it is wrong: length, non-digit, century digit, date, check digit. */
export function validateIin(s: string): IinValidation {
  if (typeof s !== 'string' || s.length !== 12)
    return fail('length', `an IIN has 12 digits, got ${typeof s === 'string' ? s.length : typeof s}`);
  if (!/^\d{12}$/.test(s)) return fail('non-digit', 'an IIN has digits only');
  const digits = Array.from(s, Number);
  const c = digits[6];
  if (c < 1 || c > 6) return fail('bad-century-digit', `century-and-sex digit must be 1-6, got ${c}`);
  const year = 1800 + Math.floor((c - 1) / 2) * 100 + digits[0] * 10 + digits[1];
  const month = digits[2] * 10 + digits[3];
  const day = digits[4] * 10 + digits[5];
  const birthDate = `${year}-${s.slice(2, 4)}-${s.slice(4, 6)}`;
  if (month < 1 || month > 12 || day < 1 || isoOf(dayOf(year, month, day)) !== birthDate)
    return fail('bad-date', `no such birth date ${birthDate}`);
  const check = iinCheckDigit(digits);
  if (check < 0)
    return fail('bad-check-digit', 'this number is never issued (remainder 10 under both weightings)');
  if (check !== digits[11])
    return fail('bad-check-digit', `check digit should be ${check}, got ${digits[11]}`);
  return { valid: true, birthDate, sex: c % 2 === 1 ? 'M' : 'F', registration: Number(s.slice(7, 11)) };
}
