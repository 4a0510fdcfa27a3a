import { describe, expect, it } from 'vitest';
import { arrivalSchedule, scenarioArrivals, workerSlice } from './arrival-schedule.ts';
import { k6Options } from './k6-options.ts';
import { loadPlan, plannedArrivals, type RampingScenario } from './load-plan.ts';
import type { LoadProfile } from './load-profile.ts';
import { readProfile } from './profile-file.ts';
import { pscDayCurve } from './psc-day.ts';

const base: Omit<LoadProfile, 'arrival'> = {
  name: 't',
  description: 't',
  durationS: 10,
  mix: [
    { operationId: 'verify', weight: 3 },
    { operationId: 'identify', weight: 1, p99Ms: 900 },
  ],
  objectives: { p99Ms: 50, errorRate: 0.01 },
};

describe('load plan', () => {
  it('splits a constant rate by weight, per second when whole and per minute otherwise', () => {
    const plan = loadPlan({ ...base, arrival: { model: 'constant', ratePerS: 40 } });
    expect(
      plan.scenarios.map((s) => [
        s.name,
        s.executor,
        s.timeUnitS,
        s.executor === 'constant-arrival-rate' && s.rate,
      ]),
    ).toEqual([
      ['verify', 'constant-arrival-rate', 1, 30],
      ['identify', 'constant-arrival-rate', 1, 10],
    ]);
    const odd = loadPlan({ ...base, arrival: { model: 'constant', ratePerS: 10 } });
    expect(odd.scenarios.map((s) => [s.timeUnitS, s.executor === 'constant-arrival-rate' && s.rate])).toEqual(
      [
        [60, 450],
        [60, 150],
      ],
    );
    expect(plannedArrivals(odd.scenarios[0])).toBe(75);
    expect(scenarioArrivals(odd.scenarios[0])).toHaveLength(75);
  });

  it('stretches ramping stages to the run length and scales rates', () => {
    const profile: LoadProfile = {
      ...base,
      arrival: {
        model: 'ramping',
        startRatePerS: 0,
        stages: [
          { durationS: 1, targetPerS: 8 },
          { durationS: 3, targetPerS: 8 },
        ],
      },
    };
    const s = loadPlan(profile, { durationS: 20, rateScale: 0.5 }).scenarios[0] as RampingScenario;
    expect(s.startRate).toBe(0);
    expect(s.stages).toEqual([
      { durationMs: 5000, target: 3 },
      { durationMs: 15000, target: 3 },
    ]);
    // 2.5 s of ramp to 3/s… i.e. 7.5 in the ramp plus 45 held: arrivals at the integral's whole numbers.
    const at = scenarioArrivals(s);
    expect(at).toHaveLength(53);
    expect(at[0]).toBe(0);
    expect(at[1]).toBeCloseTo(Math.sqrt((2 * 5000) / (3 / 1000)) / Math.sqrt(1), 6);
  });

  it('compresses a PSC day into the run with its lunch dip, Monday peak and month-end factor', () => {
    const profile = readProfile('psc-day');
    if (profile.arrival.model !== 'psc-day') throw new Error('psc-day profile changed model');
    const day = pscDayCurve(profile.arrival, profile.durationS);
    expect(day.timeScale).toBe(54);
    expect(day.monday).toBe(true);
    expect(day.monthEnd).toBe(true);
    expect(day.dayFactor).toBeCloseTo(1.3 * 1.15, 9);
    const at = (clock: number) =>
      day.points.find((p) => Math.abs(p.atS - ((clock - 9) * 3600) / 54) < 1e-6)?.ratePerS;
    expect(at(13.5)).toBeLessThan(0.6 * (at(12) ?? 0));
    expect(at(11)).toBeCloseTo(100 * 1.495, 6);
    const tuesday = pscDayCurve({ ...profile.arrival, date: '2026-11-10' }, profile.durationS);
    expect(tuesday.dayFactor).toBe(1);
  });

  it('gives the same schedule every time and splits it between workers without loss', () => {
    const plan = loadPlan(readProfile('psc-day'), { durationS: 60 });
    const a = arrivalSchedule(plan);
    const b = arrivalSchedule(loadPlan(readProfile('psc-day'), { durationS: 60 }));
    expect(Buffer.from(a.atMs.buffer).equals(Buffer.from(b.atMs.buffer))).toBe(true);
    expect(a.atMs.length).toBe(plan.scenarios.reduce((n, s) => n + plannedArrivals(s), 0));
    for (let i = 1; i < a.atMs.length; i++) expect(a.atMs[i]).toBeGreaterThanOrEqual(a.atMs[i - 1]);
    const slices = [0, 1, 2].map((w) => workerSlice(a, w, 3));
    expect(slices.reduce((n, s) => n + s.atMs.length, 0)).toBe(a.atMs.length);
    expect(slices[1].atMs[0]).toBe(a.atMs[1]);
  });

  it('turns objectives into k6 thresholds, one latency threshold per operation', () => {
    const plan = loadPlan({ ...base, arrival: { model: 'constant', ratePerS: 40 } });
    expect(k6Options(plan).thresholds).toEqual({
      'http_req_duration{scenario:verify}': ['p(99)<=50'],
      'http_req_duration{scenario:identify}': ['p(99)<=900'],
      http_req_failed: ['rate<=0.01'],
      dropped_iterations: ['count<=4'],
    });
  });
});
