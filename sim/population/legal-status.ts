/**
 * Legal status of a resident and its share of the population.
 *
 * - Foreigners permanently registered in Kazakhstan: 212 thousand in 2025 (first deputy minister of
 *   internal affairs to the Government, egemen.kz 2025), against 20,286,084 residents: 1.05 %.
 * - Stateless persons: about 7,700 identified and documented (UNHCR Kazakhstan, 2023; verify): 0.04 %.
 * - Citizens: the rest.
 * Foreigners' citizenship follows the 2023 temporary-residence permits by country (MIA via inform.kz:
 * Uzbekistan 212,445, Russia 68,743, Kyrgyzstan 12,119, Tajikistan 9,066) with China and others added
 * at the level of kandas naturalisations (China 2,772, Turkmenistan 1,796, Mongolia 810, tengrinews.kz).
 */

export type LegalStatus = 'citizen' | 'foreign-permanent-resident' | 'stateless';

export const LEGAL_STATUSES: readonly LegalStatus[] = ['citizen', 'foreign-permanent-resident', 'stateless'];

export const LEGAL_STATUS_SHARES: Readonly<Record<LegalStatus, number>> = {
  citizen: 0.9891,
  'foreign-permanent-resident': 0.0105,
  stateless: 0.0004,
};

export const LEGAL_STATUS_WEIGHTS: readonly number[] = LEGAL_STATUSES.map((s) => LEGAL_STATUS_SHARES[s]);

/** ISO 3166-1 alpha-3 citizenships of foreign permanent residents, with weights. */
export const FOREIGN_CITIZENSHIPS: readonly string[] = [
  'UZB',
  'RUS',
  'KGZ',
  'TJK',
  'CHN',
  'TKM',
  'MNG',
  'TUR',
];
export const FOREIGN_CITIZENSHIP_WEIGHTS: readonly number[] = [
  212_445, 68_743, 12_119, 9_066, 2_772, 1_796, 810, 800,
];

/** Citizenships whose holders mostly bear Russian (Slavic) names. */
export const SLAVIC_NAMED_CITIZENSHIPS: ReadonlySet<string> = new Set(['RUS']);
