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

/**
 * One shard's hash tables. Entries are the shard's indexed cylinders, numbered 0… in entry order, so
 * that they fit 16 bits; `owner` maps one to its gallery entry (as an offset from `from`).
 */
export interface ShardIndex {
  readonly from: number;
  readonly to: number;
  readonly owner: Uint16Array;
  /** Where table l's entries start in `entries` (L + 1 values). */
  readonly tableStart: Uint32Array;
  /** Start of bucket `key` of table l, relative to the table, at [l·(2^H + 1) + key]. */
  readonly bucketStart: Uint16Array;
  readonly entries: Uint16Array;
}

/** Cylinders a shard can number, and bucket offsets it can hold, in 16 bits. */
export const MAX_SHARD_CYLINDERS = 0xffff;

/**
 * The cylinders of entries [from, to) that go into the index: at most `perEntry` of each entry, those
 * with most 1 bits (the richest neighbourhoods), in cylinder order.
 */
export function indexedCylinders(
  cylinderStart: Uint32Array,
  ones: Uint8Array,
  from: number,
  to: number,
  perEntry: number,
): { cylinder: Uint32Array; owner: Uint16Array } {
  const cylinder: number[] = [];
  const owner: number[] = [];
  for (let e = from; e < to; e++) {
    const all = Array.from(
      { length: cylinderStart[e + 1] - cylinderStart[e] },
      (_, i) => cylinderStart[e] + i,
    );
    const kept =
      all.length <= perEntry
        ? all
        : all
            .sort((a, b) => ones[b] - ones[a] || a - b)
            .slice(0, perEntry)
            .sort((a, b) => a - b);
    for (const c of kept) {
      cylinder.push(c);
      owner.push(e - from);
    }
  }
  if (cylinder.length > MAX_SHARD_CYLINDERS) throw new RangeError('too many cylinders for one shard');
  return { cylinder: Uint32Array.from(cylinder), owner: sharedUint16(owner) };
}

function sharedUint16(values: ArrayLike<number>): Uint16Array {
  const a = new Uint16Array(new SharedArrayBuffer(Math.max(2, values.length * 2)), 0, values.length);
  a.set(values);
  return a;
}

/**
 * Builds the tables of gallery entries [from, to) (cylinders `codes`, entry e's from cylinderStart[e]
 * to cylinderStart[e + 1], 1 bits in `ones`) by a counting sort per table, into shared memory.
 */
export function buildShardIndex(
  family: HashFamily,
  gallery: { codes: Uint32Array; cylinderStart: Uint32Array; ones: Uint8Array },
  from: number,
  to: number,
  perEntry: number,
): ShardIndex {
  const { tables, bits } = family.params;
  const buckets = (1 << bits) + 1;
  const { cylinder, owner } = indexedCylinders(gallery.cylinderStart, gallery.ones, from, to, perEntry);
  const n = cylinder.length;
  const keys = new Int32Array(n * tables);
  const bucketStart = sharedUint16(new Uint16Array(tables * buckets));
  const tableStart = new Uint32Array(new SharedArrayBuffer((tables + 1) * 4));
  for (let l = 0; l < tables; l++) {
    const base = l * buckets;
    for (let k = 0; k < n; k++) {
      const key = hashKey(family, gallery.codes, cylinder[k] * family.words, l);
      keys[k * tables + l] = key;
      if (key >= 0) bucketStart[base + key + 1]++;
    }
    // Slot key + 1 held bucket key's size; the running sum turns it into where the next bucket starts.
    for (let key = 1; key < buckets; key++) bucketStart[base + key] += bucketStart[base + key - 1];
    tableStart[l + 1] = tableStart[l] + bucketStart[base + buckets - 1];
  }
  const entries = sharedUint16(new Uint16Array(tableStart[tables]));
  const fill = new Uint32Array(buckets);
  for (let l = 0; l < tables; l++) {
    for (let key = 0; key < buckets; key++) fill[key] = tableStart[l] + bucketStart[l * buckets + key];
    for (let k = 0; k < n; k++) {
      const key = keys[k * tables + l];
      if (key >= 0) entries[fill[key]++] = k;
    }
  }
  return { from, to, owner, tableStart, bucketStart, entries };
}

/** Reused per thread: collisions per shard cylinder, per-entry best, and the lists of what was touched. */
class VoteScratch {
  collisions = new Uint8Array(MAX_SHARD_CYLINDERS);
  touchedCylinders = new Int32Array(MAX_SHARD_CYLINDERS);
  best = new Uint8Array(0);
  touchedEntries = new Int32Array(0);

  ensure(entries: number): void {
    if (this.best.length < entries) {
      this.best = new Uint8Array(entries);
      this.touchedEntries = new Int32Array(entries);
    }
  }
}

const scratch = new VoteScratch();

/**
 * Scores each entry of the shard as Cappelli et al. (2011) estimate MCC similarity from collisions: for
 * each probe cylinder, the entry's cylinder that collides with it under most of the L hash functions
 * counts, by the square of that number (c of L collisions mean a bit agreement of about (c/L)^(1/H),
 * and squaring favours the few near-identical neighbourhoods a mate shares over the many loose ones
 * any finger shares). Integer sums: the same in any order. `votes` is overwritten.
 */
export function voteShard(family: HashFamily, shard: ShardIndex, keys: Int32Array, votes: Uint32Array): void {
  const buckets = (1 << family.params.bits) + 1;
  const tables = family.params.tables;
  const size = shard.to - shard.from;
  votes.fill(0, 0, size);
  scratch.ensure(size);
  const { collisions, touchedCylinders, best, touchedEntries } = scratch;
  const { bucketStart, tableStart, entries, owner } = shard;
  for (let i = 0; i < keys.length; i += tables) {
    let cylinders = 0;
    for (let l = 0; l < tables; l++) {
      const key = keys[i + l];
      if (key < 0) continue;
      const slot = l * buckets + key;
      const end = tableStart[l] + bucketStart[slot + 1];
      for (let e = tableStart[l] + bucketStart[slot]; e < end; e++) {
        const k = entries[e];
        if (collisions[k]++ === 0) touchedCylinders[cylinders++] = k;
      }
    }
    let touched = 0;
    for (let c = 0; c < cylinders; c++) {
      const k = touchedCylinders[c];
      const t = owner[k];
      if (best[t] === 0) touchedEntries[touched++] = t;
      if (collisions[k] > best[t]) best[t] = collisions[k];
      collisions[k] = 0;
    }
    for (let c = 0; c < touched; c++) {
      const t = touchedEntries[c];
      votes[t] += best[t] * best[t];
      best[t] = 0;
    }
  }
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
