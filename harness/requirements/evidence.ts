/**
 * What a test reports about a target: its own outcome and, for measuring tests, named measurements.
 * Requirements turn evidence into verdicts (verdict.ts); a test never decides a requirement itself.
 */
export type EvidenceOutcome = 'pass' | 'fail' | 'measured' | 'error' | 'skipped';

export interface Measurement {
  value: number;
  unit?: string;
  /** For a rate: the number of errors (or successes of an attack) among `trials`. */
  errors?: number;
  trials?: number;
}

export interface Evidence {
  /** The test's ID, suite/name (e.g. leakage/canary-storage), as listed by requirements. */
  test: string;
  outcome: EvidenceOutcome;
  /** One line a reader of the report understands without the code. */
  summary: string;
  /** Why a test errored or was skipped; required for those outcomes. */
  reason?: string;
  measurements?: Record<string, Measurement>;
  /** Structured detail (hits, locations, samples), deterministic for a seed. */
  details?: unknown;
}

/** A rate as a measurement: errors among trials, the value their ratio (NaN when there are no trials). */
export function rate(errors: number, trials: number, unit = 'fraction'): Measurement {
  return { value: trials > 0 ? errors / trials : Number.NaN, unit, errors, trials };
}
