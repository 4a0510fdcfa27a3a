/**
 * Kazakhstan's 17 regions and 3 cities of republican significance with their population on
 * 1 January 2025 (Bureau of National Statistics; total 20,286,084). Exact figures reported by the
 * Astana Times (5 February 2025): Almaty Region 1,560,377, Ulytau 221,317. Almaty city, Turkistan,
 * Astana and Shymkent are the January figures implied by the BNS monthly releases (Almaty city
 * 2,300,876, Turkistan 2,154,130, Astana 1,544,142, Shymkent 1,261,709 on 1 April 2025, qazinform.com)
 * less the growth of the quarter; the other regions are rounded to the thousand (verify against the BNS
 * table "Численность населения Республики Казахстан по отдельным этносам / по областям").
 * Codes are ISO 3166-2:KZ (2023 revision, with Abai, Jetisu and Ulytau).
 */

export interface Region {
  /** ISO 3166-2:KZ code. */
  code: string;
  /** Name in Kazakh, as in documents. */
  name: string;
  /** Official Latin name. */
  latin: string;
  kind: 'region' | 'city';
  population: number;
}

export const REGIONS: readonly Region[] = [
  { code: 'KZ-75', name: 'Алматы', latin: 'Almaty', kind: 'city', population: 2_291_500 },
  {
    code: 'KZ-61',
    name: 'Түркістан облысы',
    latin: 'Turkistan Region',
    kind: 'region',
    population: 2_152_000,
  },
  { code: 'KZ-19', name: 'Алматы облысы', latin: 'Almaty Region', kind: 'region', population: 1_560_377 },
  { code: 'KZ-71', name: 'Астана', latin: 'Astana', kind: 'city', population: 1_525_000 },
  { code: 'KZ-79', name: 'Шымкент', latin: 'Shymkent', kind: 'city', population: 1_255_000 },
  { code: 'KZ-31', name: 'Жамбыл облысы', latin: 'Jambyl Region', kind: 'region', population: 1_218_000 },
  {
    code: 'KZ-35',
    name: 'Қарағанды облысы',
    latin: 'Karaganda Region',
    kind: 'region',
    population: 1_132_000,
  },
  { code: 'KZ-15', name: 'Ақтөбе облысы', latin: 'Aktobe Region', kind: 'region', population: 954_000 },
  { code: 'KZ-43', name: 'Қызылорда облысы', latin: 'Kyzylorda Region', kind: 'region', population: 846_000 },
  { code: 'KZ-39', name: 'Қостанай облысы', latin: 'Kostanay Region', kind: 'region', population: 827_000 },
  { code: 'KZ-47', name: 'Маңғыстау облысы', latin: 'Mangystau Region', kind: 'region', population: 795_000 },
  { code: 'KZ-11', name: 'Ақмола облысы', latin: 'Akmola Region', kind: 'region', population: 786_000 },
  { code: 'KZ-55', name: 'Павлодар облысы', latin: 'Pavlodar Region', kind: 'region', population: 751_000 },
  {
    code: 'KZ-63',
    name: 'Шығыс Қазақстан облысы',
    latin: 'East Kazakhstan Region',
    kind: 'region',
    population: 712_000,
  },
  { code: 'KZ-23', name: 'Атырау облысы', latin: 'Atyrau Region', kind: 'region', population: 710_000 },
  { code: 'KZ-33', name: 'Жетісу облысы', latin: 'Jetisu Region', kind: 'region', population: 698_000 },
  {
    code: 'KZ-27',
    name: 'Батыс Қазақстан облысы',
    latin: 'West Kazakhstan Region',
    kind: 'region',
    population: 690_000,
  },
  { code: 'KZ-10', name: 'Абай облысы', latin: 'Abai Region', kind: 'region', population: 602_000 },
  {
    code: 'KZ-59',
    name: 'Солтүстік Қазақстан облысы',
    latin: 'North Kazakhstan Region',
    kind: 'region',
    population: 526_000,
  },
  { code: 'KZ-62', name: 'Ұлытау облысы', latin: 'Ulytau Region', kind: 'region', population: 221_317 },
];

export const REGION_WEIGHTS: readonly number[] = REGIONS.map((r) => r.population);
