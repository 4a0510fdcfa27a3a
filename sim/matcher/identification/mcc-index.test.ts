import { describe, expect, it } from 'vitest';
import { Gallery } from './gallery.ts';
import { INDEX_HASH } from './identification-parameters.ts';
import { cylinderLayout, indexCylinders } from './index-cylinder.ts';
import {
  buildShardIndex,
  hashFamily,
  hashKey,
  indexedCylinders,
  mergeCandidates,
  probeKeys,
  topCandidates,
  voteShard,
} from './mcc-index.ts';
import { syntheticEntries } from './synthetic-gallery.ts';

const layout = cylinderLayout();
const family = hashFamily(layout);

function gallery(n: number) {
  const g = Gallery.build(syntheticEntries('idx', 0, n));
  return { v: g.view(), codes: Array.from({ length: n }, (_, i) => indexCylinders(g.template(i), layout)) };
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

  it('files every indexed cylinder of a shard under its hash, and nothing else', () => {
    const { v } = gallery(30);
    const shard = buildShardIndex(family, v, 10, 30, 1000);
    const buckets = (1 << INDEX_HASH.bits) + 1;
    expect(shard.owner.length).toBe(v.cylinderStart[30] - v.cylinderStart[10]);
    for (let l = 0; l < INDEX_HASH.tables; l++) {
      let filed = 0;
      for (let key = 0; key < buckets - 1; key++) {
        const from = shard.tableStart[l] + shard.bucketStart[l * buckets + key];
        const to = shard.tableStart[l] + shard.bucketStart[l * buckets + key + 1];
        for (const k of shard.entries.subarray(from, to)) {
          const cylinder = v.cylinderStart[10] + k;
          expect(hashKey(family, v.codes, cylinder * layout.words, l)).toBe(key);
          expect(v.cylinderStart[10 + shard.owner[k]]).toBeLessThanOrEqual(cylinder);
          expect(v.cylinderStart[11 + shard.owner[k]]).toBeGreaterThan(cylinder);
        }
        filed += to - from;
      }
      let usable = 0;
      for (let c = v.cylinderStart[10]; c < v.cylinderStart[30]; c++)
        if (hashKey(family, v.codes, c * layout.words, l) >= 0) usable++;
      expect(filed).toBe(usable);
      expect(shard.tableStart[l + 1] - shard.tableStart[l]).toBe(usable);
    }
  });

  it('files at most the richest cylinders of an entry', () => {
    const { v } = gallery(5);
    const { cylinder, owner } = indexedCylinders(v.cylinderStart, v.ones, 0, 5, 10);
    for (let e = 0; e < 5; e++) {
      const mine = Array.from(cylinder).filter((_, k) => owner[k] === e);
      expect(mine.length).toBe(Math.min(10, v.cylinderStart[e + 1] - v.cylinderStart[e]));
      const left = Array.from(
        { length: v.cylinderStart[e + 1] - v.cylinderStart[e] },
        (_, i) => v.cylinderStart[e] + i,
      ).filter((c) => !mine.includes(c));
      for (const c of left) expect(v.ones[c]).toBeLessThanOrEqual(Math.min(...mine.map((m) => v.ones[m])));
    }
  });

  it('votes a gallery finger first when the probe is that finger', () => {
    const { v, codes } = gallery(40);
    const shard = buildShardIndex(family, v, 0, 40, INDEX_HASH.cylindersPerEntry);
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
