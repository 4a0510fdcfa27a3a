import { comparePrepared, type PreparedTemplate, prepare } from '../mcc/comparison.ts';
import type { FingerTemplate } from '../template.ts';

/**
 * The one place identification meets the 1:1 matcher (MCC bit cylinders with LSS-R, sim/matcher/mcc):
 * the final scores of a search are its similarities in [0, 1], so that a 1:N threshold means what the
 * same threshold means in 1:1.
 */
export type PreparedProbe = PreparedTemplate;
export type PreparedCandidate = PreparedTemplate;

export function prepareProbe(probe: FingerTemplate): PreparedProbe {
  return prepare(probe);
}

export function prepareCandidate(candidate: FingerTemplate): PreparedCandidate {
  return prepare(candidate);
}

export function rescore(probe: PreparedProbe, candidate: PreparedCandidate): number {
  return comparePrepared(probe, candidate);
}
