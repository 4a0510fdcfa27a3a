import { describe, expect, it } from 'vitest';
import { stream } from '../random/index.ts';
import { captureLatency } from './capture-latency.ts';
import { normalCdf, normalQuantile, padDecision } from './pad-model.ts';
import { scannerProfile } from './scanner-profile.ts';
import { ATTACK_SPECIES } from './types.ts';

/** Half-width of the 99.9 % normal-approximation binomial interval, plus a continuity term. */
function tolerance(p: number, n: number): number {
  return 3.29 * Math.sqrt((p * (1 - p)) / n) + 1 / n;
}

function rate(profileName: string, presented: (typeof ATTACK_SPECIES)[number] | 'bona-fide', n: number) {
  const p = scannerProfile(profileName);
  const random = stream('pad-test', profileName, presented);
  let errors = 0;
  for (let i = 0; i < n; i++) {
    const d = padDecision(p, presented, random).decision;
    if (presented === 'bona-fide' ? d === 'attack' : d === 'bona-fide') errors++;
  }
  return errors / n;
}

describe('PAD model', () => {
  it('inverts the normal CDF', () => {
    for (const p of [1e-6, 0.01, 0.02425, 0.3, 0.5, 0.9, 0.999])
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
    expect(() => normalQuantile(0)).toThrow(/0 < p < 1/);
  });

  it('shows each profile its BPCER and per-species APCER within a 99.9 % binomial interval', () => {
    const n = 20_000;
    for (const name of ['optical-500', 'capacitive-500', 'mutant-weak-pad']) {
      const p = scannerProfile(name);
      const bpcer = rate(name, 'bona-fide', n);
      expect(Math.abs(bpcer - p.pad.bpcer), `${name} BPCER ${bpcer}`).toBeLessThan(tolerance(p.pad.bpcer, n));
      for (const species of ATTACK_SPECIES) {
        const apcer = rate(name, species, n);
        const want = p.pad.apcer[species];
        expect(Math.abs(apcer - want), `${name} APCER ${species} ${apcer}`).toBeLessThan(tolerance(want, n));
      }
    }
  });

  it('scores in [0, 1] with the decision at 0.5', () => {
    const random = stream('pad-test', 'scores');
    for (let i = 0; i < 1000; i++) {
      const r = padDecision(scannerProfile('optical-500'), i % 2 ? 'bona-fide' : 'latex', random);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.decision).toBe(r.score >= 0.5 ? 'bona-fide' : 'attack');
    }
  });
});

describe('capture latency', () => {
  it('is log-normal around the profile median, with the profile spread', () => {
    for (const name of ['optical-500', 'capacitive-500', 'slap-500']) {
      const p = scannerProfile(name);
      const random = stream('latency-test', name);
      const xs = Array.from({ length: 4000 }, () => captureLatency(p, random)).sort((a, b) => a - b);
      expect(Math.abs(xs[2000] / p.latency.medianMs - 1), name).toBeLessThan(0.03);
      const p95 = xs[Math.floor(0.95 * xs.length)];
      const want = p.latency.medianMs * Math.exp(1.645 * p.latency.sigmaLog);
      expect(Math.abs(p95 / want - 1), name).toBeLessThan(0.05);
      expect(xs[0]).toBeGreaterThan(0);
    }
  });
});
