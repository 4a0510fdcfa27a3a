import { describe, expect, it } from 'vitest';
import { jumpHash, shardOf, subjectKey } from './jump-hash.ts';

describe('jumpHash', () => {
  it('matches the published reference values', () => {
    // Test vectors of the widely used Go port (dgryski/go-jump), computed with the paper's C++.
    expect(jumpHash(1n, 1)).toBe(0);
    expect(jumpHash(42n, 57)).toBe(43);
    expect(jumpHash(0xdead10ccn, 1)).toBe(0);
    expect(jumpHash(0xdead10ccn, 666)).toBe(361);
    expect(jumpHash(256n, 1024)).toBe(520);
  });

  it('spreads random identifiers evenly and moves few keys when a shard is added', () => {
    const ids = Array.from({ length: 20_000 }, () => crypto.randomUUID());
    const counts = [0, 0, 0, 0];
    let moved = 0;
    for (const id of ids) {
      const four = shardOf(id, 4);
      counts[four]++;
      if (shardOf(id, 5) !== four) moved++;
    }
    for (const c of counts) expect(Math.abs(c - 5000)).toBeLessThan(300);
    // Ideal share moved from 4 to 5 shards is 1/5.
    expect(moved / ids.length).toBeGreaterThan(0.17);
    expect(moved / ids.length).toBeLessThan(0.23);
  });

  it('keys a subject the same way every time and rejects a bad shard count', () => {
    expect(subjectKey('a')).toBe(subjectKey('a'));
    expect(subjectKey('a')).not.toBe(subjectKey('b'));
    expect(() => jumpHash(1n, 0)).toThrow(/shard count/);
  });
});
