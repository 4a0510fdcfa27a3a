import { describe, expect, it } from 'vitest';
import { quantile, scoreDistributions, templateOnlyPrints } from './synthetic-prints.ts';

describe('synthetic prints for in-process measurement', () => {
  it('score every genuine pair and the chosen impressions of different fingers', () => {
    const prints = templateOnlyPrints({ seed: 'prints-test', fingers: 4, impressions: 3 });
    expect(prints.map((row) => row.length)).toEqual([3, 3, 3, 3]);
    const first = scoreDistributions(prints);
    expect([first.genuine.length, first.impostor.length]).toEqual([12, 6]);
    const all = scoreDistributions(prints, 3);
    expect(all.impostor.length).toBe(6 * 9);
    // Mates share minutiae, other fingers do not.
    expect(Math.min(...first.genuine)).toBeGreaterThan(Math.max(...all.impostor));
  });

  it('reads quantiles by nearest rank and refuses an empty list', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect([quantile(sorted, 0), quantile(sorted, 0.5), quantile(sorted, 0.99), quantile(sorted, 1)]).toEqual(
      [1, 5, 10, 10],
    );
    expect(() => quantile([], 0.5)).toThrow(/empty/);
  });
});
