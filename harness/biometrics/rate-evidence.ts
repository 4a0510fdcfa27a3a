import type { SuiteEvidence } from '../certify/certification-suite.ts';
import { lowerBound, upperBound } from '../requirements/binomial-bounds.ts';
import { rate } from '../requirements/evidence.ts';
import {
  BIOMETRIC_CLAIMS,
  type BiometricRate,
  CLAIM_CONFIDENCE,
  trialsToDemonstrate,
} from './sample-sizes.ts';

export interface RateObservation {
  test: string;
  rate: BiometricRate;
  errors: number;
  trials: number;
  /** What one trial is and what counts as an error, in words a reader of the report follows. */
  describes: string;
  details?: Record<string, unknown>;
  volatile?: Record<string, number | string>;
}

const pct = (v: number) => `${Number((v * 100).toPrecision(3))} %`;

/**
 * A measured error rate as evidence: the rate with its errors and trials (the verdict takes the
 * Clopper–Pearson bound from them), and in the details the two-sided 95 % interval and how many
 * trials would demonstrate the claim with no error (rule of 3), so the report shows both.
 */
export function rateEvidence(o: RateObservation): SuiteEvidence {
  const claim = BIOMETRIC_CLAIMS[o.rate];
  if (o.trials === 0)
    return {
      test: o.test,
      outcome: 'error',
      summary: `${o.rate.toUpperCase()}: no trial completed`,
      reason: `no ${o.describes} ended in a decision; see details for what the target answered`,
      details: o.details,
      ...(o.volatile ? { volatile: o.volatile } : {}),
    };
  const two = 1 - (1 - CLAIM_CONFIDENCE) / 2;
  const interval = [lowerBound(o.errors, o.trials, two), upperBound(o.errors, o.trials, two)];
  return {
    test: o.test,
    outcome: 'measured',
    summary:
      `${o.rate.toUpperCase()} ${o.errors}/${o.trials} = ${pct(o.errors / o.trials)} ` +
      `(95 % upper bound ${pct(upperBound(o.errors, o.trials, CLAIM_CONFIDENCE))}, claim ≤ ${pct(claim)}); ${o.describes}`,
    measurements: { [o.rate]: rate(o.errors, o.trials) },
    details: {
      trials: o.trials,
      errors: o.errors,
      claim,
      confidence: CLAIM_CONFIDENCE,
      upperBound95: upperBound(o.errors, o.trials, CLAIM_CONFIDENCE),
      interval95: interval,
      trialsToDemonstrateWithNoError: trialsToDemonstrate(claim, CLAIM_CONFIDENCE),
      ...o.details,
    },
    ...(o.volatile ? { volatile: o.volatile } : {}),
  };
}
