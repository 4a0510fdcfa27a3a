/** A calendar date as YYYY-MM-DD; the rules count age in whole years on the application date. */
export type IsoDate = string;

function parts(date: IsoDate): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`date must be YYYY-MM-DD, got '${date}'`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * Age in completed years on `on`. Someone born on 29 February turns a year older on 1 March in
 * common years, as civil registries in Kazakhstan and most jurisdictions count it.
 */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(on);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age;
}

/** The date of the `years`-th birthday (29 February births land on 1 March in common years). */
export function birthday(birthDate: IsoDate, years: number): IsoDate {
  const [by, bm, bd] = parts(birthDate);
  const y = by + years;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const [m, d] = bm === 2 && bd === 29 && !leap ? [3, 1] : [bm, bd];
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Adds days to a date (UTC calendar arithmetic, no time zones involved). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
