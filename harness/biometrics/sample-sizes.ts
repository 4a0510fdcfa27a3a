import { trialsForZeroErrors, upperBound } from '../requirements/binomial-bounds.ts';

/** The catalogue's claims (BIO.yaml): each rate's limit, all at 95 % confidence. */
export const BIOMETRIC_CLAIMS = {
  fmr: 0.001,
  fnmr: 0.02,
  fpir: 0.01,
  fnir: 0.02,
  fte: 0.02,
} as const;
export const CLAIM_CONFIDENCE = 0.95;

export type BiometricRate = keyof typeof BIOMETRIC_CLAIMS;

/** How many transactions of each kind a certification run makes through the target's API. */
export interface BiometricSampleSizes {
  /** People enrolled for the first time: the gallery, the non-mated 1:N searches and FTE trials. */
  nonmatedEnrolments: number;
  /** Enrolled people enrolled again under another IIN (≤ nonmatedEnrolments: one each). */
  matedEnrolments: number;
  /** 1:1 verifications of an enrolled person with another impression of their own fingers. */
  genuineVerifications: number;
  /** 1:1 verifications of one enrolled person's prints against another's IIN. */
  impostorVerifications: number;
  /** Why these numbers, for the report. */
  rationale: string;
}

/**
 * Trials that demonstrate `limit` at `confidence` when at most `errors` errors are seen: the
 * smallest n with a Clopper–Pearson upper bound ≤ limit. errors = 0 is the rule of 3 (≈ 3/limit).
 */
export function trialsToDemonstrate(limit: number, confidence: number, errors = 0): number {
  let lo = trialsForZeroErrors(limit, confidence);
  if (errors === 0) return lo;
  let hi = lo;
  while (upperBound(errors, hi, confidence) > limit) hi *= 2;
  // The upper bound falls as n grows: the first n within the limit lies in (lo, hi].
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (upperBound(errors, mid, confidence) > limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const need = (rate: BiometricRate, errors = 0) =>
  trialsToDemonstrate(BIOMETRIC_CLAIMS[rate], CLAIM_CONFIDENCE, errors);

/**
 * Quick mode (≈ 25 s budget on 2 cores) affords about 300 enrolments and 450 verifications through
 * the in-process reference. It spends them where the rule of 3 is reachable: 149 mated enrolments
 * (FNIR, so `deduplication-off` fails even in a quick run), 149 genuine verifications (FNMR) and
 * 298 enrolments in all (FTE). FPIR (299 needed) and FMR (2,995 needed) get what is left and come
 * out not-evaluated, with the number they would need in the verdict's reason.
 */
export function quickSampleSizes(): BiometricSampleSizes {
  const perRateOf2Percent = need('fnir');
  return {
    nonmatedEnrolments: perRateOf2Percent,
    matedEnrolments: perRateOf2Percent,
    genuineVerifications: perRateOf2Percent,
    impostorVerifications: 300,
    rationale:
      `quick: rule of 3 (zero errors in ${perRateOf2Percent} trials demonstrate 2 % at 95 %) for FNIR, FNMR and FTE; ` +
      `FPIR would need ${need('fpir')} and FMR ${need('fmr')} trials, beyond the quick budget, so they are measured but not decided`,
  };
}

/**
 * Full mode: every claim with room for one error (rule of 3 would turn a single error into
 * not-evaluated). The rule of 30 (30 errors observed, ±30 % at 90 %) is out of reach for a system
 * meeting its claims: at FMR 0.1 % it means about 30,000 impostor verifications, some eight minutes
 * on its own at the reference's speed, over half the 15-minute full budget; at FNMR 2 % it means
 * 1,500 genuine verifications, which would be affordable but says nothing more when the system
 * makes no errors. The sizes here take about three minutes on a quiet 2-core machine.
 */
export function fullSampleSizes(): BiometricSampleSizes {
  const fpir = need('fpir', 1);
  return {
    nonmatedEnrolments: fpir,
    matedEnrolments: need('fnir', 1),
    genuineVerifications: need('fnmr', 1),
    impostorVerifications: need('fmr', 1),
    rationale:
      'full: rule of 3 with one error allowed (the smallest n whose 95 % Clopper–Pearson upper bound with one error is within the claim) for every rate; ' +
      'the rule of 30 needs about 30,000 impostor verifications for FMR 0.1 %, beyond the full budget',
  };
}

export function sampleSizes(quick: boolean): BiometricSampleSizes {
  return quick ? quickSampleSizes() : fullSampleSizes();
}
