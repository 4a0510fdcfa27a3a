/**
 * A load profile as data (harness/contract/load-profile.schema.json). Pure types: this module is read by
 * the k6 scripts as well as by the Node driver, so it imports nothing from Node.
 */

export interface OperationShare {
  operationId: string;
  weight: number;
  expectedStatuses?: number[];
  p99Ms?: number;
}

export interface ConstantArrival {
  model: 'constant';
  ratePerS: number;
}

export interface RampingArrival {
  model: 'ramping';
  startRatePerS: number;
  stages: { durationS: number; targetPerS: number }[];
}

export interface PscDayArrival {
  model: 'psc-day';
  peakRatePerS: number;
  date: string;
  opensAt: string;
  closesAt: string;
  shape: { at: string; level: number }[];
  lunch: { from: string; to: string; factor: number; transitionMin?: number };
  mondayFactor: number;
  monthEndFactor: number;
  monthEndDays?: number;
}

export type ArrivalModel = ConstantArrival | RampingArrival | PscDayArrival;

export interface LoadProfile {
  name: string;
  description: string;
  durationS: number;
  mix: OperationShare[];
  arrival: ArrivalModel;
  objectives: { p99Ms: number; errorRate: number };
  limits?: { maxInFlight?: number; requestTimeoutMs?: number; gracefulStopS?: number };
  dataset?: { residents?: number };
}

/** Bounds used when a profile leaves them out. */
export const PROFILE_DEFAULTS = {
  maxInFlight: 1000,
  requestTimeoutMs: 10_000,
  gracefulStopS: 5,
  residents: 200,
};
