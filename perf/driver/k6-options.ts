import { type LoadPlan, type PlannedScenario, plannedArrivals } from './load-plan.ts';

/**
 * k6 `options` for a load plan: one arrival-rate scenario per operation and thresholds from the
 * objectives. Plain data shaped like k6's Options (k6 ≥ 1.0), so the k6 scripts and the tests that
 * compare them with the built-in driver import this same function. Pure: no Node imports.
 */

export interface K6Scenario {
  executor: 'constant-arrival-rate' | 'ramping-arrival-rate';
  exec: string;
  tags: { operation: string };
  timeUnit: string;
  preAllocatedVUs: number;
  maxVUs: number;
  gracefulStop: string;
  rate?: number;
  duration?: string;
  startRate?: number;
  stages?: { duration: string; target: number }[];
}

export interface K6Options {
  scenarios: Record<string, K6Scenario>;
  thresholds: Record<string, string[]>;
  summaryTrendStats: string[];
  discardResponseBodies: boolean;
}

/** A k6 duration string: whole seconds as "30s", anything finer in milliseconds. */
export function k6Duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function scenario(s: PlannedScenario, gracefulStopMs: number): K6Scenario {
  const base = {
    executor: s.executor,
    exec: 'request',
    tags: { operation: s.operationId },
    timeUnit: s.timeUnitS === 1 ? '1s' : '1m',
    preAllocatedVUs: s.preAllocated,
    maxVUs: s.maxInFlight,
    gracefulStop: k6Duration(gracefulStopMs),
  };
  if (s.executor === 'constant-arrival-rate')
    return { ...base, rate: s.rate, duration: k6Duration(s.durationMs) };
  return {
    ...base,
    startRate: s.startRate,
    stages: s.stages.map((st) => ({ duration: k6Duration(st.durationMs), target: st.target })),
  };
}

export function k6Options(plan: LoadPlan): K6Options {
  const scenarios: Record<string, K6Scenario> = {};
  const thresholds: Record<string, string[]> = {};
  const planned = plan.scenarios.reduce((a, s) => a + plannedArrivals(s), 0);
  for (const s of plan.scenarios) {
    scenarios[s.name] = scenario(s, plan.gracefulStopMs);
    thresholds[`http_req_duration{scenario:${s.name}}`] = [`p(99)<=${s.p99Ms}`];
  }
  thresholds.http_req_failed = [`rate<=${plan.objectives.errorRate}`];
  // k6 does not count an arrival it had no VU for as a failed request; the driver counts it as an error.
  thresholds.dropped_iterations = [`count<=${Math.floor(plan.objectives.errorRate * planned)}`];
  return {
    scenarios,
    thresholds,
    summaryTrendStats: ['avg', 'p(50)', 'p(90)', 'p(99)', 'p(99.9)', 'max'],
    discardResponseBodies: true,
  };
}
