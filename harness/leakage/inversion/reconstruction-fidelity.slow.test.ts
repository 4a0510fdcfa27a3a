import { describe, expect, it } from 'vitest';
import { measureFidelity } from './reconstruction-fidelity.ts';

describe('reconstruction fidelity on templates a live capture would give', () => {
  it('inverts templates extracted from rendered impressions into prints matching the finger', () => {
    const s = measureFidelity('inversion', 10, 'rendered');
    console.log(
      `rendered source, 10 fingers: type-I ${(100 * s.acceptedShare).toFixed(0)} % (median ${s.medianScore.toFixed(4)}), type-II ${(100 * (s.otherImpressionAcceptedShare ?? 0)).toFixed(0)} % at threshold ${s.threshold.toFixed(4)}`,
    );
    // Measured: type-I 10 of 10 (median 0.217), type-II 8 of 10.
    expect(s.acceptedShare).toBeGreaterThanOrEqual(0.8);
    expect(s.otherImpressionAcceptedShare).toBeGreaterThanOrEqual(0.5);
  }, 600_000);
});
