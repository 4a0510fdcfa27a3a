import type { PscDayArrival } from './load-profile.ts';

/** A point of a piecewise-linear rate curve in run time: arrivals per second at `atS` seconds. */
export interface RatePoint {
  atS: number;
  ratePerS: number;
}

export interface PscDayCurve {
  points: RatePoint[];
  /** Simulated seconds of the working day per second of the run. */
  timeScale: number;
  /** Product of the Monday and month-end factors that applied to the date. */
  dayFactor: number;
  monday: boolean;
  monthEnd: boolean;
}

/** Between the demand-shape points the curve is also sampled this often (simulated minutes). */
const SAMPLE_EVERY_MIN = 30;
const DEFAULT_LUNCH_TRANSITION_MIN = 10;
const DEFAULT_MONTH_END_DAYS = 3;

export function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + m;
}

function interpolate(points: { at: number; level: number }[], at: number): number {
  if (at <= points[0].at) return points[0].level;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (at <= b.at)
      return b.at === a.at ? b.level : a.level + ((b.level - a.level) * (at - a.at)) / (b.at - a.at);
  }
  return points[points.length - 1].level;
}

/** The lunch multiplier: 1 outside the break, `factor` inside, with linear transitions at both ends. */
function lunchMultiplier(day: PscDayArrival, at: number): number {
  const from = minutesOf(day.lunch.from);
  const to = minutesOf(day.lunch.to);
  const t = Math.min(day.lunch.transitionMin ?? DEFAULT_LUNCH_TRANSITION_MIN, (to - from) / 2);
  return interpolate(
    [
      { at: from, level: 1 },
      { at: from + t, level: day.lunch.factor },
      { at: to - t, level: day.lunch.factor },
      { at: to, level: 1 },
    ],
    at,
  );
}

function dayFactors(day: PscDayArrival): Pick<PscDayCurve, 'dayFactor' | 'monday' | 'monthEnd'> {
  const [y, m, d] = day.date.split('-').map(Number);
  const monday = new Date(Date.UTC(y, m - 1, d)).getUTCDay() === 1;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const monthEnd = d > daysInMonth - (day.monthEndDays ?? DEFAULT_MONTH_END_DAYS);
  return {
    monday,
    monthEnd,
    dayFactor: (monday ? day.mondayFactor : 1) * (monthEnd ? day.monthEndFactor : 1),
  };
}

/**
 * A PSC working day compressed into `durationS` of run time: demand shape × lunch dip × Monday and
 * month-end factors, sampled at the shape's points, the lunch transitions and every half hour, and
 * linearly interpolated between them (the form k6's ramping-arrival-rate executor takes).
 */
export function pscDayCurve(day: PscDayArrival, durationS: number): PscDayCurve {
  const opens = minutesOf(day.opensAt);
  const closes = minutesOf(day.closesAt);
  if (closes <= opens)
    throw new Error(`psc-day: closesAt ${day.closesAt} is not after opensAt ${day.opensAt}`);
  const shape = day.shape.map((p) => ({ at: minutesOf(p.at), level: p.level }));
  for (let i = 1; i < shape.length; i++) {
    if (shape[i].at <= shape[i - 1].at)
      throw new Error(
        `psc-day: shape times must increase, ${day.shape[i].at} follows ${day.shape[i - 1].at}`,
      );
  }
  const lunchFrom = minutesOf(day.lunch.from);
  const lunchTo = minutesOf(day.lunch.to);
  if (lunchTo <= lunchFrom) throw new Error(`psc-day: lunch ends (${day.lunch.to}) before it starts`);
  const t = Math.min(day.lunch.transitionMin ?? DEFAULT_LUNCH_TRANSITION_MIN, (lunchTo - lunchFrom) / 2);
  const at = new Set<number>([opens, closes, lunchFrom, lunchFrom + t, lunchTo - t, lunchTo]);
  for (const p of shape) at.add(p.at);
  for (let m = opens; m < closes; m += SAMPLE_EVERY_MIN) at.add(m);
  const minutes = [...at].filter((m) => m >= opens && m <= closes).sort((a, b) => a - b);
  const factors = dayFactors(day);
  const timeScale = ((closes - opens) * 60) / durationS;
  const points = minutes.map((m) => ({
    atS: ((m - opens) * 60) / timeScale,
    ratePerS: day.peakRatePerS * factors.dayFactor * interpolate(shape, m) * lunchMultiplier(day, m),
  }));
  return { points, timeScale, ...factors };
}
