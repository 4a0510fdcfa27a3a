import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { byteEntropy, commonPrefixLength, containsFmrMagic, randomEntropyFloor } from './byte-statistics.ts';

describe('byte statistics', () => {
  it('random bytes sit above the floor for their sample size; text and zeros far below', () => {
    for (const n of [256, 2048, 65_536]) {
      const h = byteEntropy([randomBytes(n)]);
      expect(h).toBeGreaterThan(randomEntropyFloor(n));
      expect(h).toBeLessThanOrEqual(8);
    }
    expect(byteEntropy([Buffer.alloc(4096)])).toBe(0);
    expect(byteEntropy([Buffer.from('FMR\0 20\0'.repeat(500))])).toBeLessThan(3);
  });

  it('shared prefixes and the FMR magic', () => {
    const a = Buffer.from([1, 2, 3, 4]);
    expect(commonPrefixLength([a, Buffer.from([1, 2, 9])])).toBe(2);
    expect(commonPrefixLength([a])).toBe(0);
    expect(containsFmrMagic(Buffer.concat([Buffer.from('xx'), Buffer.from('FMR\0 20\0')]))).toBe(true);
    expect(containsFmrMagic(Buffer.from('FMR 20'))).toBe(false);
  });
});
