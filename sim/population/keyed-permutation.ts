/**
 * A keyed bijection of [0, n): a balanced Feistel network on the smallest even number of bits that
 * covers n, with cycle walking to stay inside [0, n). It lets item k be given a unique, random-looking
 * number (an IIN registration slot, a document number) from k alone, with no table and no state.
 */
export class KeyedPermutation {
  private readonly halfBits: number;
  private readonly mask: number;

  constructor(
    readonly n: number,
    private readonly keys: readonly number[],
  ) {
    // Up to 2^30 so that both halves and their join stay within 31-bit integer arithmetic.
    if (!(n >= 2 && n <= 2 ** 30 && Number.isInteger(n))) throw new RangeError(`permutation size ${n}`);
    const bits = Math.max(2, Math.ceil(Math.log2(n)));
    this.halfBits = (bits + 1) >> 1;
    this.mask = (1 << this.halfBits) - 1;
  }

  apply(x: number): number {
    if (!(x >= 0 && x < this.n)) throw new RangeError(`${x} is outside [0, ${this.n})`);
    do x = this.feistel(x);
    while (x >= this.n);
    return x;
  }

  private feistel(x: number): number {
    const shift = this.halfBits;
    const mask = this.mask;
    const keys = this.keys;
    let left = (x >>> shift) & mask;
    let right = x & mask;
    for (let i = 0; i < keys.length; i++) {
      const next = left ^ (mix(right ^ keys[i]) & mask);
      left = right;
      right = next;
    }
    return (left << shift) | right;
  }
}

/** MurmurHash3's 32-bit finaliser: every input bit reaches every output bit. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
