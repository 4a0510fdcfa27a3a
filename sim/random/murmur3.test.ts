import { describe, expect, it } from 'vitest';
import { murmur3x86128 } from './murmur3.ts';

describe('murmur3x86128', () => {
  it('hashes the empty key with seed 0 to zero', () => {
    expect(murmur3x86128(new Uint8Array(0), 0)).toEqual([0, 0, 0, 0]);
  });

  // SMHasher's VerificationTest: hash keys {0}, {0,1}, … with seed 256-n, hash the concatenation,
  // and compare the first word with the value published for MurmurHash3_x86_128.
  it('passes the SMHasher verification value 0xB3ECE62A', () => {
    const all = new Uint8Array(256 * 16);
    for (let n = 0; n < 256; n++) {
      const key = new Uint8Array(n);
      for (let i = 0; i < n; i++) key[i] = i;
      const h = murmur3x86128(key, 256 - n);
      const view = new DataView(all.buffer, n * 16, 16);
      for (let j = 0; j < 4; j++) view.setUint32(j * 4, h[j], true);
    }
    const [final] = murmur3x86128(all, 0);
    expect(final).toBe(0xb3ece62a);
  });
});
