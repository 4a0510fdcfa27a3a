import { type LoadProfile, PROFILE_DEFAULTS } from './load-profile.ts';
import { pscDayCurve, type RatePoint } from './psc-day.ts';

/**
 * What a run sends, in the form k6's arrival-rate executors take: one scenario per operation, rates as
 * whole numbers per time unit. The built-in driver's schedule and the k6 options are both derived from
 * this one value, so the two tools run the same load. Pure: k6 scripts import it.
 */

export interface PlanOverrides {
  /** Run length replacing the profile's; ramps and the PSC day are stretched or compressed to it. */
  durationS?: number;
  /** Multiplies every arrival rate (capacity search, quick runs). */
  rateScale?: number;
}

export interface PlannedStage {
  durationMs: number;
  /** Arrivals per time unit reached at the end of the stage. */
  target: number;
}

interface ScenarioBase {
  name: string;
  operationId: string;
  /** Seconds per time unit: 1 when every rate is a whole number per second, else 60. */
  timeUnitS: 1 | 60;
  /** Requests this operation may have outstanding (k6 maxVUs); a later arrival is dropped. */
  maxInFlight: number;
  preAllocated: number;
  expectedStatuses: number[] | null;
  p99Ms: number;
}

export interface ConstantScenario extends ScenarioBase {
  executor: 'constant-arrival-rate';
  rate: number;
  durationMs: number;
}

export interface RampingScenario extends ScenarioBase {
  executor: 'ramping-arrival-rate';
  startRate: number;
  stages: PlannedStage[];
}

export type PlannedScenario = ConstantScenario | RampingScenario;

export interface LoadPlan {
  profile: string;
  durationMs: number;
  /** Simulated seconds per run second for a PSC day, else null. */
  timeScale: number | null;
  rateScale: number;
  gracefulStopMs: number;
  requestTimeoutMs: number;
  objectives: { p99Ms: number; errorRate: number };
  scenarios: PlannedScenario[];
}

/** Rates and their unit: per second when all are whole numbers per second, else per minute, rounded. */
function quantize(ratesPerS: number[]): { unit: 1 | 60; values: number[] } {
  const whole = ratesPerS.every((r) => Math.abs(r - Math.round(r)) < 1e-9);
  const unit = whole ? 1 : 60;
  return { unit, values: ratesPerS.map((r) => Math.round(r * unit)) };
}

/** Splits `totalMs` in proportion to `parts`, the last part absorbing rounding so the sum is exact. */
function apportion(parts: number[], totalMs: number): number[] {
  const sum = parts.reduce((a, b) => a + b, 0);
  let used = 0;
  return parts.map((p, i) => {
    const ms = i === parts.length - 1 ? totalMs - used : Math.round((p / sum) * totalMs);
    used += ms;
    return ms;
  });
}

/** The whole-run rate curve (before the mix shares) as points in run seconds. */
function rateCurve(
  profile: LoadProfile,
  durationS: number,
): { points: RatePoint[]; timeScale: number | null } {
  const a = profile.arrival;
  if (a.model === 'constant') return { points: [{ atS: 0, ratePerS: a.ratePerS }], timeScale: null };
  if (a.model === 'ramping') {
    const ms = apportion(
      a.stages.map((s) => s.durationS),
      Math.round(durationS * 1000),
    );
    let at = 0;
    const points = [{ atS: 0, ratePerS: a.startRatePerS }];
    a.stages.forEach((s, i) => {
      at += ms[i];
      points.push({ atS: at / 1000, ratePerS: s.targetPerS });
    });
    return { points, timeScale: null };
  }
  const day = pscDayCurve(a, durationS);
  return { points: day.points, timeScale: day.timeScale };
}

function scenarioOf(
  profile: LoadProfile,
  share: LoadProfile['mix'][number],
  fraction: number,
  points: RatePoint[],
  durationMs: number,
  rateScale: number,
): PlannedScenario {
  const maxInFlightTotal = profile.limits?.maxInFlight ?? PROFILE_DEFAULTS.maxInFlight;
  const maxInFlight = Math.max(1, Math.round(maxInFlightTotal * fraction));
  const rates = points.map((p) => p.ratePerS * fraction * rateScale);
  const peak = Math.max(...rates);
  const base = {
    name: share.operationId,
    operationId: share.operationId,
    maxInFlight,
    // Enough VUs for 50 ms of arrivals at the peak: k6 starts more up to maxVUs when they run out.
    preAllocated: Math.min(maxInFlight, Math.max(1, Math.ceil(peak * 0.05))),
    expectedStatuses: share.expectedStatuses ? [...share.expectedStatuses].sort((a, b) => a - b) : null,
    p99Ms: share.p99Ms ?? profile.objectives.p99Ms,
  };
  const q = quantize(rates);
  if (points.length === 1) {
    return {
      ...base,
      executor: 'constant-arrival-rate',
      timeUnitS: q.unit,
      rate: Math.max(1, q.values[0]),
      durationMs,
    };
  }
  const stages = points.slice(1).map((p, i) => ({
    durationMs: Math.round(p.atS * 1000) - Math.round(points[i].atS * 1000),
    target: q.values[i + 1],
  }));
  return { ...base, executor: 'ramping-arrival-rate', timeUnitS: q.unit, startRate: q.values[0], stages };
}

export function loadPlan(profile: LoadProfile, overrides: PlanOverrides = {}): LoadPlan {
  const durationS = overrides.durationS ?? profile.durationS;
  const rateScale = overrides.rateScale ?? 1;
  if (!(durationS > 0)) throw new Error(`duration must be positive, got ${durationS}`);
  if (!(rateScale > 0)) throw new Error(`rate scale must be positive, got ${rateScale}`);
  const durationMs = Math.round(durationS * 1000);
  const { points, timeScale } = rateCurve(profile, durationS);
  const totalWeight = profile.mix.reduce((a, m) => a + m.weight, 0);
  return {
    profile: profile.name,
    durationMs,
    timeScale,
    rateScale,
    gracefulStopMs: Math.round((profile.limits?.gracefulStopS ?? PROFILE_DEFAULTS.gracefulStopS) * 1000),
    requestTimeoutMs: profile.limits?.requestTimeoutMs ?? PROFILE_DEFAULTS.requestTimeoutMs,
    objectives: { ...profile.objectives },
    scenarios: profile.mix.map((m) =>
      scenarioOf(profile, m, m.weight / totalWeight, points, durationMs, rateScale),
    ),
  };
}

/** Arrivals of a scenario per millisecond at the points where its rate changes (piecewise linear). */
export function scenarioSegments(s: PlannedScenario): { durationMs: number; from: number; to: number }[] {
  const perMs = 1 / (s.timeUnitS * 1000);
  if (s.executor === 'constant-arrival-rate')
    return [{ durationMs: s.durationMs, from: s.rate * perMs, to: s.rate * perMs }];
  let from = s.startRate * perMs;
  return s.stages.map((st) => {
    const seg = { durationMs: st.durationMs, from, to: st.target * perMs };
    from = seg.to;
    return seg;
  });
}

/** Planned arrivals of a scenario: arrival k is sent when the integral of the rate reaches k. */
export function plannedArrivals(s: PlannedScenario): number {
  const area = scenarioSegments(s).reduce((a, g) => a + ((g.from + g.to) / 2) * g.durationMs, 0);
  return Math.ceil(Math.round(area * 1e6) / 1e6);
}

/** Whether measured figures meet the plan's objectives (the k6 thresholds say the same). */
export function meetsObjectives(
  plan: LoadPlan,
  m: { errorRate: number; p99MsByOperation: Record<string, number> },
): boolean {
  if (m.errorRate > plan.objectives.errorRate) return false;
  return plan.scenarios.every((s) => (m.p99MsByOperation[s.name] ?? 0) <= s.p99Ms);
}
