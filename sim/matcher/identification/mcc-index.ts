import { stream } from '../../random/index.ts';
import { type HashParameters, INDEX_HASH } from './identification-parameters.ts';
import type { CylinderLayout } from './index-cylinder.ts';

/**
 * MCC locality-sensitive hashing (Cappelli, Ferrara, Maltoni, IEEE TPAMI 33(5), 2011): hash function l
 * samples H fixed bits of a binary cylinder, so two cylinders collide under it with probability about
 * s^H where s is the share of bits they agree on; with L such functions, the count of collisions between
 * a probe's cylinders and a gallery fingerprint's ranks the gallery by MCC similarity without comparing.
 *
 * The gallery is cut into shards of consecutive entries, each with its own tables, so that search
 * threads take whole shards and a shard's votes never depend on which thread counted them.
 */
export interface HashFamily {
  readonly params: HashParameters;
  readonly words: number;
  /** Bit positions sampled, `bits` per table. */
  readonly bitIndex: Uint16Array;
}

export function hashFamily(layout: CylinderLayout, params: HashParameters = INDEX_HASH): HashFamily {
  if (params.bits > 20 || params.bits > layout.bits)
    throw new RangeError(`hash width ${params.bits} too large`);
  const bitIndex = new Uint16Array(params.tables * params.bits);
  for (let l = 0; l < params.tables; l++) {
    const bits = Array.from({ length: layout.bits }, (_, i) => i);
    stream(params.seed, 'table', l).shuffle(bits);
    bitIndex.set(bits.slice(0, params.bits), l * params.bits);
  }
  return { params, words: layout.words, bitIndex };
}

/** Hash l of the cylinder starting at word `offset`, or −1 when it has too few 1 bits to mean anything. */
export function hashKey(family: HashFamily, codes: Uint32Array, offset: number, l: number): number {
  const h = family.params.bits;
  const base = l * h;
  let key = 0;
  let ones = 0;
  for (let b = 0; b < h; b++) {
    const bit = family.bitIndex[base + b];
    const v = (codes[offset + (bit >>> 5)] >>> (bit & 31)) & 1;
    key |= v << b;
    ones += v;
  }
  return ones < family.params.minOnes ? -1 : key;
}

/** All L hashes of each of `count` cylinders, cylinder-major; −1 marks an unusable hash. */
export function probeKeys(family: HashFamily, codes: Uint32Array): Int32Array {
  const count = codes.length / family.words;
  const tables = family.params.tables;
  const keys = new Int32Array(count * tables);
  for (let c = 0; c < count; c++)
    for (let l = 0; l < tables; l++) keys[c * tables + l] = hashKey(family, codes, c * family.words, l);
  return keys;
}

/** One shard's hash tables: per table, buckets of entries (entry = template offset within the shard). */
export interface ShardIndex {
  readonly from: number;
  readonly to: number;
  /** Absolute start of bucket `key` of table l at [l·(2^H + 1) + key], shared between threads. */
  readonly bucketStart: Uint32Array;
  readonly entries: Uint16Array;
}

export const MAX_SHARD_SIZE = 1 << 16;

/**
 * Builds the tables of gallery entries [from, to) from their cylinders (`codes`, entry e's between
 * cylinderStart[e] and cylinderStart[e + 1]) by a counting sort per table, into shared memory.
 */
export function buildShardIndex(
  family: HashFamily,
  codes: Uint32Array,
  cylinderStart: Uint32Array,
  from: number,
  to: number,
): ShardIndex {
  if (to - from > MAX_SHARD_SIZE) throw new RangeError(`a shard holds at most ${MAX_SHARD_SIZE} entries`);
  const { tables, bits } = family.params;
  const buckets = (1 << bits) + 1;
  const first = cylinderStart[from];
  const cylinders = cylinderStart[to] - first;
  const owner = new Uint16Array(cylinders);
  for (let e = from; e < to; e++)
    owner.fill(e - from, cylinderStart[e] - first, cylinderStart[e + 1] - first);
  const keys = Array.from({ length: tables }, () => new Int32Array(cylinders));
  const bucketStart = new Uint32Array(new SharedArrayBuffer(tables * buckets * 4));
  let total = 0;
  for (let l = 0; l < tables; l++) {
    const base = l * buckets;
    const k = keys[l];
    for (let c = 0; c < cylinders; c++) {
      k[c] = hashKey(family, codes, (first + c) * family.words, l);
      if (k[c] >= 0) bucketStart[base + k[c] + 1]++;
    }
    // Slot key + 1 held bucket key's size; the running sum turns it into where the next bucket starts.
    bucketStart[base] = total;
    for (let key = 1; key < buckets; key++) bucketStart[base + key] += bucketStart[base + key - 1];
    total = bucketStart[base + buckets - 1];
  }
  const entries = new Uint16Array(new SharedArrayBuffer(Math.max(2, total * 2)));
  const fill = bucketStart.slice();
  for (let l = 0; l < tables; l++) {
    const k = keys[l];
    for (let c = 0; c < cylinders; c++) if (k[c] >= 0) entries[fill[l * buckets + k[c]]++] = owner[c];
  }
  return { from, to, bucketStart, entries };
}

/**
 * Scores each entry of the shard by its cylinders' collisions with the probe's under every hash
 * function (`keys` from probeKeys). A collision in a crowded bucket (a neighbourhood pattern many
 * fingers share) says less than one in a rare bucket, so each counts its inverse bucket frequency,
 * ln(table entries / bucket entries), in fixed point: integer sums, the same in any order.
 * `votes` must hold the shard's size and is overwritten.
 */
export function voteShard(family: HashFamily, shard: ShardIndex, keys: Int32Array, votes: Uint32Array): void {
  const buckets = (1 << family.params.bits) + 1;
  const tables = family.params.tables;
  votes.fill(0, 0, shard.to - shard.from);
  const { bucketStart, entries } = shard;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key < 0) continue;
    const table = (i % tables) * buckets;
    const slot = table + key;
    const start = bucketStart[slot];
    const end = bucketStart[slot + 1];
    if (end === start) continue;
    const weight = inverseFrequency(bucketStart[table + buckets - 1] - bucketStart[table], end - start);
    for (let e = start; e < end; e++) votes[entries[e]] += weight;
  }
}

const WEIGHT_SCALE = 16;

function inverseFrequency(tableEntries: number, bucketEntries: number): number {
  return Math.max(1, Math.round(WEIGHT_SCALE * Math.log(tableEntries / bucketEntries)));
}

/** Candidates of a search: gallery entry numbers and their votes, best first (ties: lower entry first). */
export interface Candidates {
  entries: Int32Array;
  votes: Uint32Array;
}

/**
 * The `limit` entries with most votes (at least one), ordered by votes then entry number, so that the
 * best of several shards' lists is the best of the whole gallery, whatever thread produced each.
 */
export function topCandidates(votes: Uint32Array, size: number, from: number, limit: number): Candidates {
  let max = 0;
  for (let e = 0; e < size; e++) if (votes[e] > max) max = votes[e];
  const histogram = new Uint32Array(max + 1);
  for (let e = 0; e < size; e++) histogram[votes[e]]++;
  // The lowest vote count that still makes the list: everything above it is in, ties at it by entry.
  let cut = max;
  let above = 0;
  while (cut > 1 && above + histogram[cut] < limit) above += histogram[cut--];
  const count = Math.min(limit, above + (cut >= 1 ? histogram[cut] : 0));
  const out: Candidates = { entries: new Int32Array(count), votes: new Uint32Array(count) };
  let k = 0;
  let tiesLeft = count - above;
  for (let e = 0; e < size && k < count; e++) {
    const v = votes[e];
    if (v < cut || v === 0 || (v === cut && tiesLeft-- <= 0)) continue;
    out.entries[k] = from + e;
    out.votes[k++] = v;
  }
  return sortCandidates(out);
}

/** Orders candidates by votes (descending), then entry number (ascending). */
export function sortCandidates(c: Candidates): Candidates {
  const order = Array.from(c.entries.keys()).sort(
    (a, b) => c.votes[b] - c.votes[a] || c.entries[a] - c.entries[b],
  );
  return {
    entries: Int32Array.from(order, (i) => c.entries[i]),
    votes: Uint32Array.from(order, (i) => c.votes[i]),
  };
}

/** The best `limit` of several shards' candidate lists. */
export function mergeCandidates(lists: readonly Candidates[], limit: number): Candidates {
  const entries = new Int32Array(lists.reduce((n, l) => n + l.entries.length, 0));
  const votes = new Uint32Array(entries.length);
  let k = 0;
  for (const l of lists) {
    entries.set(l.entries, k);
    votes.set(l.votes, k);
    k += l.entries.length;
  }
  const sorted = sortCandidates({ entries, votes });
  return { entries: sorted.entries.slice(0, limit), votes: sorted.votes.slice(0, limit) };
}
