import { thresholdAtFmr } from '../matcher/thresholds.ts';

/** Every decision constant of the reference system, in one place. */
export const REFERENCE_TUNING = {
  /** 1:N deduplication: per-finger threshold at FMR 0.01 % (sim/matcher/thresholds.ts). */
  dedupFmr: 0.0001,
  /** 1:1 verification and identification candidates: per-finger threshold at FMR 0.1 %. */
  verificationFmr: 0.001,
  /**
   * Fingers of one subject that must agree before a decision: two at FMR 0.01 % each makes a
   * chance hit on another person vanishingly rare even over millions of enrolments, while the
   * FNMR of requiring two of up to ten fingers stays far below one finger's 14 %.
   * A probe of a single finger needs that one.
   */
  agreeingFingers: 2,
  /**
   * Probe fingers a deduplication search uses: the best-quality six. Needing two of six to agree
   * misses a duplicate with chance ≈ 6·p·q⁵ + q⁶ ≈ 0.03 % at a per-finger FNMR q of 14 % (the
   * real-data FNMR at FMR 0.01 %), for 60 % of the search cost of all ten.
   */
  dedupProbeFingers: 6,
  /**
   * Gallery entries per index shard. The gallery grows by one person at a time, and a search
   * re-indexes the shard that grew: small shards keep that re-indexing cheap.
   */
  shardSize: 256,
  /** Candidates the 1:N search keeps per probe finger, and subjects an identification returns. */
  candidatesPerFinger: 10,
  identificationCandidates: 5,
  /** Mean template quality (0–100) at or above which stored prints count as good (no re-enrolment). */
  goodQuality: 40,
  /** Largest fingerprint accepted: ISO template and PNG image bytes. */
  maxTemplateBytes: 64 * 1024,
  maxImageBytes: 4 * 1024 * 1024,
} as const;

export function defaultThresholds(): { dedup: number; verification: number } {
  return {
    dedup: thresholdAtFmr(REFERENCE_TUNING.dedupFmr),
    verification: thresholdAtFmr(REFERENCE_TUNING.verificationFmr),
  };
}
