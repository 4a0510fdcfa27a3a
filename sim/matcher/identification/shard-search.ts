import type { GalleryColumns } from './gallery.ts';
import type { SearchParameters } from './identification-parameters.ts';
import { type CylinderSet, localSimilaritySort } from './local-similarity-sort.ts';
import { type HashFamily, type ShardIndex, topCandidates, voteShard } from './mcc-index.ts';

/** A probe as the coarse stages use it: its index cylinders and their hashes. */
export interface ProbeCodes {
  cylinders: CylinderSet;
  keys: Int32Array;
}

/** The best entries of one shard by local similarity, best first (ties: lower entry first). */
export interface ShardResult {
  entries: Int32Array;
  scores: Float64Array;
  /** Entries the votes passed to the local similarity sort. */
  shortlisted: number;
}

export function shortlistSize(shardEntries: number, p: SearchParameters): number {
  const wanted = Math.round(p.shortlistShare * shardEntries);
  return Math.min(shardEntries, Math.max(p.minShortlist, Math.min(p.maxShortlist, wanted)));
}

let votes = new Uint32Array(0);

/**
 * One shard's part of a search: hash votes, then the local similarity sort of the shortlist they give,
 * keeping the `candidates` best. Depends only on the shard and the probe, never on the thread.
 */
export function searchShard(
  family: HashFamily,
  shard: ShardIndex,
  columns: GalleryColumns,
  probe: ProbeCodes,
  p: SearchParameters,
): ShardResult {
  const size = shard.to - shard.from;
  if (votes.length < size) votes = new Uint32Array(Math.max(size, 1024));
  voteShard(family, shard, probe.keys, votes);
  const shortlist = topCandidates(votes, size, shard.from, shortlistSize(size, p)).entries;
  const gallery: CylinderSet = { words: family.words, codes: columns.codes, ones: columns.ones };
  const scores = Float64Array.from(shortlist, (e) =>
    localSimilaritySort(
      probe.cylinders,
      gallery,
      columns.cylinderStart[e],
      columns.cylinderStart[e + 1],
      p.sortedPairs,
    ),
  );
  const best = bestByScore(shortlist, scores, p.candidates);
  return { ...best, shortlisted: shortlist.length };
}

/** The `limit` best (entry, score) pairs: score descending, then entry ascending. */
export function bestByScore(
  entries: Int32Array,
  scores: Float64Array,
  limit: number,
): { entries: Int32Array; scores: Float64Array } {
  const order = Array.from(entries.keys())
    .sort((a, b) => scores[b] - scores[a] || entries[a] - entries[b])
    .slice(0, limit);
  return {
    entries: Int32Array.from(order, (i) => entries[i]),
    scores: Float64Array.from(order, (i) => scores[i]),
  };
}
