import { type LoadPlan, type PlannedScenario, scenarioSegments } from './load-plan.ts';

/**
 * The arrival times of a plan, fixed before the run: arrival k of a scenario is due when the integral of
 * its rate reaches k (k = 0, 1, …), as k6's arrival-rate executors space iterations. Deterministic: the
 * same plan gives the same schedule on every machine.
 */
export interface ArrivalSchedule {
  /** Due time of each arrival in ms from the start of the run, ascending. */
  atMs: Float64Array;
  /** Index into plan.scenarios. */
  scenario: Uint16Array;
  /** Arrival number within its scenario (k6's exec.scenario.iterationInTest): picks the payload. */
  iteration: Uint32Array;
}

/** Due times of one scenario's arrivals. */
export function scenarioArrivals(s: PlannedScenario): number[] {
  const out: number[] = [];
  let startMs = 0;
  let before = 0; // arrivals integrated up to the start of the segment
  for (const g of scenarioSegments(s)) {
    const area = ((g.from + g.to) / 2) * g.durationMs;
    const slope = (g.to - g.from) / g.durationMs;
    const end = Math.round((before + area) * 1e6) / 1e6;
    for (let k = Math.ceil(Math.round(before * 1e6) / 1e6); k < end; k++) {
      const x = k - before;
      // Root of from·τ + slope·τ²/2 = x, in the form that stays exact when slope is 0 or negative.
      const tau = x === 0 ? 0 : (2 * x) / (g.from + Math.sqrt(Math.max(0, g.from * g.from + 2 * slope * x)));
      out.push(startMs + Math.min(tau, g.durationMs));
    }
    before += area;
    startMs += g.durationMs;
  }
  return out;
}

/** Every arrival of the plan in due order; ties go to the scenario listed first. */
export function arrivalSchedule(plan: LoadPlan): ArrivalSchedule {
  const lists = plan.scenarios.map(scenarioArrivals);
  const total = lists.reduce((a, l) => a + l.length, 0);
  const atMs = new Float64Array(total);
  const scenario = new Uint16Array(total);
  const iteration = new Uint32Array(total);
  const next = lists.map(() => 0);
  for (let i = 0; i < total; i++) {
    let best = -1;
    for (let s = 0; s < lists.length; s++) {
      if (next[s] < lists[s].length && (best < 0 || lists[s][next[s]] < lists[best][next[best]])) best = s;
    }
    atMs[i] = lists[best][next[best]];
    scenario[i] = best;
    iteration[i] = next[best]++;
  }
  return { atMs, scenario, iteration };
}

/** The arrivals worker `index` of `workers` sends: every workers-th one, so each worker sees the same mix. */
export function workerSlice(schedule: ArrivalSchedule, index: number, workers: number): ArrivalSchedule {
  const n = Math.max(0, Math.ceil((schedule.atMs.length - index) / workers));
  const atMs = new Float64Array(n);
  const scenario = new Uint16Array(n);
  const iteration = new Uint32Array(n);
  for (let i = 0, j = index; i < n; i++, j += workers) {
    atMs[i] = schedule.atMs[j];
    scenario[i] = schedule.scenario[j];
    iteration[i] = schedule.iteration[j];
  }
  return { atMs, scenario, iteration };
}
