/**
 * Decision thresholds of dactylo's matcher (MCC bit cylinders + LSS-R, sim/matcher/mcc/) at the FMRs
 * the README documents. Measured, not chosen, on two kinds of impostors, kept side by side:
 *
 * - SYNTHETIC (what MATCHER_THRESHOLDS holds, as the matcher issue asks): dactylo's own rendered
 *   impressions (`dactylo fingerprints --seed fvc100 --subjects 10 --fingers 1-10 --impressions 8
 *   --layout fvc`, FVC2002-DB1-like sensor), minutiae extracted by dactylo's extractor, every
 *   cross-finger pair among the first 3 impressions of the 100 fingers: 44,550 impostor
 *   comparisons, so FMR 0.01 % rests on the top 4 impostor scores. Rendered prints, not
 *   template-only ones: template-only impostor scores are still distributed differently (KS D about
 *   0.28, harness/biometrics/template-only-realism.slow.test.ts).
 *   Re-measure with perf/bench/synthesis-thresholds.ts (SYNTHETIC_CALIBRATION.command); the slow
 *   test harness/biometrics/synthetic-thresholds.slow.test.ts re-checks them at a smaller scale.
 * - FVC (FVC_THRESHOLDS, for comparison and for real images): every cross-finger pair of the three
 *   public FVC "B" sets in ../shared/fvc (FVC2002 DB1_B, DB2_B at 569 ppi, FVC2000 DB4_B; 240 images,
 *   30 fingers): 27,840 impostor comparisons; harness/biometrics/thresholds.slow.test.ts re-measures.
 *
 * Synthetic impostors score higher than real ones (their flow patterns are more alike), so the
 * synthetic thresholds are the stricter ones: at the same threshold, real data would see a lower
 * FMR and a higher FNMR than documented here.
 */
export const DOCUMENTED_FMRS = [0.01, 0.001, 0.0001] as const;
export type DocumentedFmr = (typeof DOCUMENTED_FMRS)[number];

export interface FmrThreshold {
  fmr: DocumentedFmr;
  /** Lowest score t whose measured FMR(t) ≤ fmr. */
  threshold: number;
  /** FNMR measured at that threshold on the genuine pairs of the same sets. */
  fnmr: number;
}

export const SYNTHETIC_CALIBRATION = {
  impostors: 44_550,
  genuine: 300,
  sets: ['dactylo fingerprints --seed fvc100 --subjects 10 --fingers 1-10 --layout fvc, impressions 1–3'],
  command: 'node harness/cli/run-ts.mjs perf/bench/synthesis-thresholds.ts --db SET --impressions 3',
  /** Pooled EER over the same pairs at the time of measurement. */
  eer: 0.0001,
  measured: '2026-11-25 21:37, dactylo 0.1.0, MCC bit cylinders NS=16',
} as const;

export const SYNTHETIC_THRESHOLDS: readonly FmrThreshold[] = [
  { fmr: 0.01, threshold: 0.0283715059651438, fnmr: 0 },
  { fmr: 0.001, threshold: 0.039868764446593166, fnmr: 0 },
  { fmr: 0.0001, threshold: 0.06663603600692299, fnmr: 0.0033333333333333335 },
];

export const FVC_CALIBRATION = {
  impostors: 27_840,
  genuine: 840,
  sets: ['fvc2002-db1b', 'fvc2002-db2b@569ppi', 'fvc2000-db4b'],
  command: 'npx vitest run --config .config/vitest.config.ts harness/biometrics/thresholds.slow.test.ts',
  /** Pooled EER over the same pairs at the time of measurement. */
  eer: 0.02856373152709362,
  measured: '2026-11-25 19:18, dactylo 0.1.0, MCC bit cylinders NS=16',
} as const;

export const FVC_THRESHOLDS: readonly FmrThreshold[] = [
  { fmr: 0.01, threshold: 0.02007998944688534, fnmr: 0.04404761904761905 },
  { fmr: 0.001, threshold: 0.026913433702335347, fnmr: 0.0880952380952381 },
  { fmr: 0.0001, threshold: 0.037228564261202, fnmr: 0.1392857142857143 },
];

/** The thresholds decisions use (dactylo match, the registry's verification and deduplication). */
export const MATCHER_THRESHOLDS: readonly FmrThreshold[] = SYNTHETIC_THRESHOLDS;
export const THRESHOLD_CALIBRATION = SYNTHETIC_CALIBRATION;

export function thresholdAtFmr(fmr: number): number {
  const t = MATCHER_THRESHOLDS.find((m) => m.fmr === fmr);
  if (!t)
    throw new RangeError(`no measured threshold at FMR ${fmr}; documented: ${DOCUMENTED_FMRS.join(', ')}`);
  return t.threshold;
}
