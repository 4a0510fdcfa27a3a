/**
 * Jump consistent hash (Lamping & Veach 2014, "A Fast, Minimal Memory, Consistent Hash Algorithm"):
 * maps a 64-bit key to one of `buckets` shards so that growing from n to n+1 shards moves only 1/(n+1)
 * of the keys. Subject identifiers are random, so their first 8 bytes are a uniform key.
 */
export function jumpHash(key: bigint, buckets: number): number {
  if (!Number.isInteger(buckets) || buckets < 1)
    throw new RangeError(`shard count must be ≥ 1, got ${buckets}`);
  const mask = (1n << 64n) - 1n;
  let k = key & mask;
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    k = (k * 2862933555777941757n + 1n) & mask;
    // Same operation order as the reference C++ so that the float rounding agrees.
    j = Math.floor((b + 1) * (2 ** 31 / (Number(k >> 33n) + 1)));
  }
  return b;
}

/** 64-bit key of a subject identifier: FNV-1a over its UTF-8 bytes, so any identifier string works. */
export function subjectKey(subjectId: string): bigint {
  const mask = (1n << 64n) - 1n;
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(subjectId)) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & mask;
  return h;
}

/** The shard that holds a subject's fingers. */
export function shardOf(subjectId: string, shards: number): number {
  return jumpHash(subjectKey(subjectId), shards);
}
