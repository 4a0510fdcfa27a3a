import { describe, expect, it } from 'vitest';
import { stream } from '../../sim/random/index.ts';
import { globalLinkability, linkabilityEvidence } from './linkability.ts';

const random = stream('linkability', 'scores');
const normals = (n: number, mean: number) => Array.from({ length: n }, () => random.normal(mean, 1));

describe('global linkability D↔sys (Gomez-Barrero et al. 2018)', () => {
  it('is near 0 when mated and non-mated scores are alike (e.g. templates sealed under different keys)', () => {
    const l = globalLinkability(normals(5000, 0), normals(5000, 0));
    expect(l.dSys).toBeLessThan(0.1);
  });

  it('is 1 when the distributions do not overlap, and grows with their separation', () => {
    expect(globalLinkability(normals(2000, 20), normals(2000, 0)).dSys).toBeCloseTo(1, 10);
    const d1 = globalLinkability(normals(5000, 1), normals(5000, 0)).dSys;
    const d2 = globalLinkability(normals(5000, 2), normals(5000, 0)).dSys;
    const d3 = globalLinkability(normals(5000, 3), normals(5000, 0)).dSys;
    expect(d1).toBeLessThan(d2);
    expect(d2).toBeLessThan(d3);
    expect(d3).toBeLessThan(1);
  });

  it('follows the definition on a two-bin example', () => {
    // Mated: 3/4 in the high bin; non-mated: 1/4. LR(high) = 3, D = 2·3/4 − 1 = 0.5; LR(low) = 1/3, D = 0.
    const l = globalLinkability([0, 1, 1, 1], [0, 0, 0, 1], { bins: 2 });
    expect(l.dSys).toBeCloseTo(0.75 * 0.5, 12);
    expect(linkabilityEvidence(l).measurements?.dSys.value).toBeCloseTo(0.375, 12);
  });

  it('refuses empty or non-finite samples', () => {
    expect(() => globalLinkability([], [1])).toThrow(/needs mated and non-mated/);
    expect(() => globalLinkability([Number.NaN], [1])).toThrow(/not a finite number/);
  });
});
