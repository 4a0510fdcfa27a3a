/**
 * Civil dates as whole days since 1970-01-01 (UTC), so that timelines are integer arithmetic and
 * never depend on the machine's time zone. Conversions follow Howard Hinnant's days_from_civil /
 * civil_from_days, which are exact for the proleptic Gregorian calendar and allocation-free.
 */

/** Days since 1970-01-01 of the civil date y-m-d (m 1..12, d 1..31). */
export function dayOf(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// civilOf's result without an array: the hot paths (isoOf, addYears, ageOn) run per document.
let civilY = 0;
let civilM = 0;
let civilD = 0;

function civil(day: number): void {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  civilD = doy - Math.floor((153 * mp + 2) / 5) + 1;
  civilM = mp < 10 ? mp + 3 : mp - 9;
  civilY = yoe + era * 400 + (civilM <= 2 ? 1 : 0);
}

/** The civil date [y, m, d] of a day number. */
export function civilOf(day: number): [number, number, number] {
  civil(day);
  return [civilY, civilM, civilD];
}

const TWO = ['00', '01', '02', '03', '04', '05', '06', '07', '08', '09'];
const pad2 = (n: number): string => (n < 10 ? TWO[n] : String(n));

// Every resident needs a dozen dates as text, all within a few centuries: each is formatted once.
const ISO_FROM = dayOf(1800, 1, 1);
const ISO_TO = dayOf(2200, 1, 1);
const isoCache: (string | undefined)[] = new Array(ISO_TO - ISO_FROM);

/** "YYYY-MM-DD" of a day number. */
export function isoOf(day: number): string {
  const i = day - ISO_FROM;
  const cached = i >= 0 && day < ISO_TO ? isoCache[i] : undefined;
  if (cached !== undefined) return cached;
  civil(day);
  const text = `${civilY}-${pad2(civilM)}-${pad2(civilD)}`;
  if (i >= 0 && day < ISO_TO) isoCache[i] = text;
  return text;
}

/** Day number of "YYYY-MM-DD"; throws on anything that is not a real calendar date. */
export function parseIso(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new RangeError(`not a date YYYY-MM-DD: '${text}'`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = dayOf(y, mo, d);
  const [y2, m2, d2] = civilOf(day);
  if (y2 !== y || m2 !== mo || d2 !== d) throw new RangeError(`no such date: '${text}'`);
  return day;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The same calendar day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(day: number, years: number): number {
  civil(day);
  const ny = civilY + years;
  return dayOf(ny, civilM, civilM === 2 && civilD === 29 && !isLeapYear(ny) ? 28 : civilD);
}

/** Age in completed years on `day` of someone born on `birth`. */
export function ageOn(birth: number, day: number): number {
  civil(birth);
  const by = civilY;
  const bm = civilM;
  const bd = civilD;
  civil(day);
  return civilY - by - (civilM < bm || (civilM === bm && civilD < bd) ? 1 : 0);
}
