import { describe, expect, it } from 'vitest';
import { population } from './population.ts';
import { ageBandOf, PopulationSummarizer } from './population-summary.ts';

describe('population summary', () => {
  it('puts ages in the fingerprinting bands', () => {
    expect([0, 11, 12, 15, 16, 90].map(ageBandOf)).toEqual([
      'under12',
      'under12',
      'from12to15',
      'from12to15',
      'from16',
      'from16',
    ]);
  });

  it('counts every resident once in each breakdown', () => {
    const s = new PopulationSummarizer('2025-01-01');
    for (const r of population({ seed: 'summary', count: 2000 })) s.add(r);
    const sum = (o: Record<string, number | undefined>) =>
      Object.values(o).reduce((a: number, b) => a + (b ?? 0), 0);
    expect(s.summary.residents).toBe(2000);
    expect(sum(s.summary.ageBands)).toBe(2000);
    expect(sum(s.summary.sex)).toBe(2000);
    expect(sum(s.summary.statuses)).toBe(2000);
    expect(sum(s.summary.regions)).toBe(2000);
    expect(s.summary.withoutValidDocument).toBeGreaterThan(400);
  });
});
