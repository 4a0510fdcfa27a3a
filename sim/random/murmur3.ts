// MurmurHash3 x86_128 (Austin Appleby, public domain). Used only to derive PRNG states from
// stream keys, so it needs to be well mixed and identical everywhere, not cryptographic.

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function word(bytes: Uint8Array, i: number): number {
  return bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
}

/** Returns the four 32-bit words of MurmurHash3_x86_128(bytes, seed). */
export function murmur3x86128(bytes: Uint8Array, seed = 0): [number, number, number, number] {
  let h1 = seed >>> 0;
  let h2 = h1;
  let h3 = h1;
  let h4 = h1;
  const blocks = bytes.length >>> 4;
  for (let b = 0; b < blocks; b++) {
    const i = b << 4;
    let k1 = word(bytes, i);
    let k2 = word(bytes, i + 4);
    let k3 = word(bytes, i + 8);
    let k4 = word(bytes, i + 12);
    k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2);
    h1 ^= k1;
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3);
    h2 ^= k2;
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4);
    h3 ^= k3;
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1);
    h4 ^= k4;
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  const tail = blocks << 4;
  let k1 = 0;
  let k2 = 0;
  let k3 = 0;
  let k4 = 0;
  const rest = bytes.length & 15;
  for (let j = rest - 1; j >= 0; j--) {
    const v = bytes[tail + j];
    if (j >= 12) k4 |= v << ((j - 12) * 8);
    else if (j >= 8) k3 |= v << ((j - 8) * 8);
    else if (j >= 4) k2 |= v << ((j - 4) * 8);
    else k1 |= v << (j * 8);
  }
  if (rest > 12) h4 ^= Math.imul(rotl(Math.imul(k4, C4), 18), C1);
  if (rest > 8) h3 ^= Math.imul(rotl(Math.imul(k3, C3), 17), C4);
  if (rest > 4) h2 ^= Math.imul(rotl(Math.imul(k2, C2), 16), C3);
  if (rest > 0) h1 ^= Math.imul(rotl(Math.imul(k1, C1), 15), C2);
  const len = bytes.length;
  h1 ^= len;
  h2 ^= len;
  h3 ^= len;
  h4 ^= len;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h3 = fmix(h3);
  h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
