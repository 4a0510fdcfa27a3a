/**
 * Kazakhstan's population by single year of age and sex, ages 0–100, as weights (persons).
 *
 * Sources:
 * - Ages 0–17: registered live births by calendar year, Bureau of National Statistics (BNS, stat.gov.kz,
 *   "Births" series; figures recalled, verify), times 0.985 for infant mortality and net emigration,
 *   split at the sex ratio at birth of 106 boys per 100 girls. Age a on 1 January 2025 is the cohort born
 *   in 2024 − a.
 * - Ages 18–89: BNS totals by WHO age band and sex when the population reached 20 million
 *   (16 November 2023; sarbaz.kz, "Дети, молодежь, старики: кого больше в Казахстане"):
 *   18–44 M 3,640,063 F 3,580,840; 45–59 M 1,511,832 F 1,679,940; 60–74 M 870,738 F 1,221,748;
 *   75–89 M 160,313 F about 360,000 (the article says "more than twice" as many women; 85–89 alone holds
 *   74,800 women, caravan.kz 2024). Within 18–44 ages follow the birth cohorts below (the 1990s
 *   birth collapse is still visible); 45–59 is flat; 60–74 falls by five-year group (1.00, 0.78, 0.52);
 *   75–89 decays by 12 % a year.
 * - Ages 90–100: "more than 28 thousand" over 90 at the start of 2024 (BNS via caravan.kz), three in
 *   four women, decaying by 25 % a year; 702 centenarians on 1 January 2024 (BNS) are folded into 100.
 */

/** Registered live births in thousands, 1980–2024 (BNS; verify). */
const BIRTHS_THOUSANDS: Readonly<Record<number, number>> = {
  1980: 341.0,
  1981: 348.0,
  1982: 355.0,
  1983: 366.0,
  1984: 376.0,
  1985: 389.9,
  1986: 408.7,
  1987: 417.1,
  1988: 407.1,
  1989: 382.3,
  1990: 362.1,
  1991: 353.2,
  1992: 338.1,
  1993: 315.5,
  1994: 305.6,
  1995: 277.0,
  1996: 253.2,
  1997: 232.4,
  1998: 222.4,
  1999: 217.6,
  2000: 222.1,
  2001: 221.5,
  2002: 227.2,
  2003: 247.9,
  2004: 273.0,
  2005: 279.0,
  2006: 301.8,
  2007: 321.9,
  2008: 356.6,
  2009: 356.6,
  2010: 367.8,
  2011: 372.5,
  2012: 381.2,
  2013: 387.3,
  2014: 399.0,
  2015: 399.4,
  2016: 400.7,
  2017: 390.3,
  2018: 397.8,
  2019: 401.1,
  2020: 426.8,
  2021: 447.0,
  2022: 403.9,
  2023: 388.1,
  2024: 369.3,
};

const REFERENCE_YEAR = 2025;
export const MAX_AGE = 100;
const CHILD_SURVIVAL = 0.985;
const MALE_SHARE_AT_BIRTH = 106 / 206;

interface Band {
  from: number;
  to: number;
  male: number;
  female: number;
  shape: (age: number) => number;
}

const cohort = (age: number): number => BIRTHS_THOUSANDS[REFERENCE_YEAR - 1 - age];
const BANDS: readonly Band[] = [
  { from: 18, to: 44, male: 3_640_063, female: 3_580_840, shape: cohort },
  { from: 45, to: 59, male: 1_511_832, female: 1_679_940, shape: () => 1 },
  {
    from: 60,
    to: 74,
    male: 870_738,
    female: 1_221_748,
    shape: (a) => [1, 0.78, 0.52][Math.floor((a - 60) / 5)],
  },
  { from: 75, to: 89, male: 160_313, female: 360_000, shape: (a) => 0.88 ** (a - 75) },
  { from: 90, to: MAX_AGE, male: 7_000, female: 21_000, shape: (a) => 0.75 ** (a - 90) },
];

function buildPyramid(): { male: Float64Array; female: Float64Array } {
  const male = new Float64Array(MAX_AGE + 1);
  const female = new Float64Array(MAX_AGE + 1);
  for (let age = 0; age < 18; age++) {
    const persons = cohort(age) * 1000 * CHILD_SURVIVAL;
    male[age] = persons * MALE_SHARE_AT_BIRTH;
    female[age] = persons - male[age];
  }
  for (const band of BANDS) {
    let total = 0;
    for (let a = band.from; a <= band.to; a++) total += band.shape(a);
    for (let a = band.from; a <= band.to; a++) {
      male[a] = (band.male * band.shape(a)) / total;
      female[a] = (band.female * band.shape(a)) / total;
    }
  }
  return { male, female };
}

/** Persons of each completed age 0..MAX_AGE, by sex. */
export const AGE_PYRAMID: Readonly<{ male: Float64Array; female: Float64Array }> = buildPyramid();

/**
 * Target shares of the age bands that fingerprinting law distinguishes (under 12 not fingerprinted,
 * 12–15 voluntary, 16+ mandatory), computed from BNS births against the BNS total of 20,286,084 on
 * 1 January 2025: born 2013–2024, 4,810.7 thousand × 0.985 = 23.4 %; born 2009–2012, 1,478.1 thousand
 * × 0.985 = 7.2 %; the rest 69.4 %. The pyramid above must reproduce them within a percentage point.
 */
export const AGE_BAND_TARGETS = { under12: 0.234, from12to15: 0.072, from16: 0.694 } as const;
