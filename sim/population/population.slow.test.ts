import { describe, expect, it } from 'vitest';
import { AGE_BAND_TARGETS } from './age-pyramid.ts';
import { validateIin } from './iin.ts';
import { LEGAL_STATUS_SHARES, LEGAL_STATUSES } from './legal-status.ts';
import { population } from './population.ts';
import { PopulationSummarizer } from './population-summary.ts';
import type { Resident } from './resident.ts';

const COUNT = 100_000;
const AS_OF = '2025-01-01';
const residents: Resident[] = [...population({ seed: 'slow-100k', count: COUNT, asOf: AS_OF })];

describe(`population of ${COUNT.toLocaleString('en')}`, () => {
  it('has valid IINs that agree with birth date and sex, all different', () => {
    const wrong = residents.filter((r) => {
      const v = validateIin(r.iin);
      return !v.valid || v.birthDate !== r.birthDate || v.sex !== r.sex;
    });
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(new Set(residents.map((r) => r.iin)).size).toBe(COUNT);
  });

  it('has document numbers that are all different', () => {
    const numbers = residents.flatMap((r) => r.documents.map((d) => d.number));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('matches the cited age-band and legal-status shares within one percentage point', () => {
    const s = new PopulationSummarizer(AS_OF);
    for (const r of residents) s.add(r);
    const { ageBands, statuses } = s.summary;
    for (const band of ['under12', 'from12to15', 'from16'] as const)
      expect(Math.abs(ageBands[band] / COUNT - AGE_BAND_TARGETS[band]), band).toBeLessThan(0.01);
    for (const status of LEGAL_STATUSES)
      expect(Math.abs(statuses[status] / COUNT - LEGAL_STATUS_SHARES[status]), status).toBeLessThan(0.01);
    // The small shares are checked relatively too: a ±1 point band alone would pass a status never drawn.
    expect(statuses['foreign-permanent-resident'] / COUNT).toBeGreaterThan(0.008);
    expect(statuses.stateless).toBeGreaterThan(10);
  });
});
