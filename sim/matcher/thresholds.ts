/**
 * Decision thresholds of dactylo's matcher (MCC bit cylinders + LSS-R, sim/matcher/mcc/) at the FMRs
 * the README documents. Measured, not chosen: harness/biometrics/thresholds.slow.test.ts recomputes them
 * and fails when they drift more than its tolerance (re-measure after any change to extraction or
 * comparison, and paste the printed values here).
 *
 * Data: every cross-finger pair of the three public FVC "B" sets in ../shared/fvc (FVC2002 DB1_B at
 * 500 ppi, FVC2002 DB2_B at 569 ppi, FVC2000 DB4_B at 500 ppi; 240 images, 30 fingers), enrolled with
 * dactylo's extractor: 27,840 impostor comparisons. FMR 0.01 % therefore rests on the top 2–3 impostor
 * scores and is the least certain of the three.
 */
export const DOCUMENTED_FMRS = [0.01, 0.001, 0.0001] as const;
export type DocumentedFmr = (typeof DOCUMENTED_FMRS)[number];

export interface FmrThreshold {
  fmr: DocumentedFmr;
  /** Lowest score t whose measured FMR(t) ≤ fmr. */
  threshold: number;
  /** FNMR measured at that threshold on the 840 genuine pairs of the same sets. */
  fnmr: number;
}

export const THRESHOLD_CALIBRATION = {
  impostors: 27_840,
  genuine: 840,
  sets: ['fvc2002-db1b', 'fvc2002-db2b@569ppi', 'fvc2000-db4b'],
  command: 'npx vitest run --config .config/vitest.config.ts harness/biometrics/thresholds.slow.test.ts',
  /** Pooled EER over the same pairs at the time of measurement. */
  eer: 0.02856373152709362,
  measured: '2026-11-25 19:18, dactylo 0.1.0, MCC bit cylinders NS=16',
} as const;

export const MATCHER_THRESHOLDS: readonly FmrThreshold[] = [
  { fmr: 0.01, threshold: 0.02007998944688534, fnmr: 0.04404761904761905 },
  { fmr: 0.001, threshold: 0.026913433702335347, fnmr: 0.0880952380952381 },
  { fmr: 0.0001, threshold: 0.037228564261202, fnmr: 0.1392857142857143 },
];

export function thresholdAtFmr(fmr: number): number {
  const t = MATCHER_THRESHOLDS.find((m) => m.fmr === fmr);
  if (!t)
    throw new RangeError(`no measured threshold at FMR ${fmr}; documented: ${DOCUMENTED_FMRS.join(', ')}`);
  return t.threshold;
}
