/**
 * The identification request/reply between the coordinator and a shard (core NATS request–reply).
 * Request body: the probe as an ISO/IEC 19794-2:2005 record; options in headers. Reply: JSON.
 * Scores travel between matcher components only; the service's API answers with ranks.
 */
export const TOP_K_HEADER = 'Dactylo-Top-K';
export const THRESHOLD_HEADER = 'Dactylo-Threshold';
/** The shard answers only after applying this stream sequence (read-your-writes for deduplication). */
export const AWAIT_SEQ_HEADER = 'Dactylo-Await-Seq';
/** Milliseconds the coordinator still waits; the shard gives up catching up before then. */
export const BUDGET_HEADER = 'Dactylo-Budget-Ms';

export interface ShardCandidate {
  subjectId: string;
  position?: number;
  score: number;
}

export interface ShardReply {
  shard: number;
  shards: number;
  /** Fingers the shard holds (replaced templates not counted). */
  entries: number;
  appliedSeq: number;
  /** The shard had not applied the awaited sequence when its budget ran out. */
  stale: boolean;
  candidates: ShardCandidate[];
  /** Entries the 1:1 matcher re-scored. */
  rescored: number;
}
