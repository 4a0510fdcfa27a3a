import { describe, expect, it } from 'vitest';
import { stream } from '../../random/index.ts';
import { syntheticFinger } from '../mcc/synthetic-minutiae.ts';
import { INDEX_HASH } from './identification-parameters.ts';
import { cylinderLayout, indexCylinders } from './index-cylinder.ts';
import {
  buildShardIndex,
  hashFamily,
  hashKey,
  mergeCandidates,
  probeKeys,
  topCandidates,
  voteShard,
} from './mcc-index.ts';

const layout = cylinderLayout();
const family = hashFamily(layout);

function gallery(n: number) {
  const codes = Array.from({ length: n }, (_, i) =>
    indexCylinders(syntheticFinger(stream('t', 'idx', i)), layout),
  );
  const start = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + codes[i].length / layout.words;
  const all = new Uint32Array(start[n] * layout.words);
  codes.forEach((c, i) => {
    all.set(c, start[i] * layout.words);
  });
  return { all, start, codes };
}

describe('MCC locality-sensitive hashing', () => {
  it('samples distinct bits per table, the same for the same seed', () => {
    const again = hashFamily(layout);
    expect(again.bitIndex).toEqual(family.bitIndex);
    for (let l = 0; l < INDEX_HASH.tables; l++) {
      const bits = family.bitIndex.subarray(l * INDEX_HASH.bits, (l + 1) * INDEX_HASH.bits);
      expect(new Set(bits).size).toBe(INDEX_HASH.bits);
      for (const b of bits) expect(b).toBeLessThan(layout.bits);
    }
    expect(hashFamily(layout, { ...INDEX_HASH, seed: 'other' }).bitIndex).not.toEqual(family.bitIndex);
  });

  it('files every cylinder of a shard under its hash, and nothing else', () => {
    const { all, start } = gallery(30);
    const shard = buildShardIndex(family, all, start, 10, 30);
    const buckets = (1 << INDEX_HASH.bits) + 1;
    for (let l = 0; l < INDEX_HASH.tables; l++) {
      const expected = new Map<number, number[]>();
      for (let e = 10; e < 30; e++)
        for (let c = start[e]; c < start[e + 1]; c++) {
          const key = hashKey(family, all, c * layout.words, l);
          if (key >= 0) expected.set(key, [...(expected.get(key) ?? []), e - 10]);
        }
      for (const [key, owners] of expected) {
        const from = shard.bucketStart[l * buckets + key];
        const to = shard.bucketStart[l * buckets + key + 1];
        expect(Array.from(shard.entries.subarray(from, to))).toEqual(owners);
      }
      const filed = shard.bucketStart[l * buckets + buckets - 1] - shard.bucketStart[l * buckets];
      expect(filed).toBe([...expected.values()].reduce((n, o) => n + o.length, 0));
    }
  });

  it('votes a gallery finger first when the probe is that finger', () => {
    const { all, start, codes } = gallery(40);
    const shard = buildShardIndex(family, all, start, 0, 40);
    const votes = new Uint32Array(40);
    for (const target of [3, 17, 39]) {
      voteShard(family, shard, probeKeys(family, codes[target]), votes);
      expect(topCandidates(votes, 40, 0, 1).entries[0]).toBe(target);
    }
  });

  it('orders candidates by votes, then entry, and keeps ties by the lower entry', () => {
    const votes = Uint32Array.of(5, 0, 7, 5, 5, 1, 7);
    const top = topCandidates(votes, 7, 100, 4);
    expect(Array.from(top.entries)).toEqual([102, 106, 100, 103]);
    expect(Array.from(top.votes)).toEqual([7, 7, 5, 5]);
    expect(Array.from(topCandidates(votes, 7, 0, 10).entries)).toEqual([2, 6, 0, 3, 4, 5]);
    const merged = mergeCandidates([top, topCandidates(Uint32Array.of(6, 7), 2, 0, 2)], 3);
    expect(Array.from(merged.entries)).toEqual([1, 102, 106]);
  });
});
