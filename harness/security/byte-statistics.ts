/** Shannon entropy of a byte sample, bits per byte (0 for an empty sample). */
export function byteEntropy(chunks: readonly Uint8Array[]): number {
  const counts = new Float64Array(256);
  let n = 0;
  for (const c of chunks) {
    for (const b of c) counts[b]++;
    n += c.length;
  }
  if (n === 0) return 0;
  let h = 0;
  for (const k of counts) if (k > 0) h -= (k / n) * Math.log2(k / n);
  return h;
}

/**
 * The least entropy a sample of `n` uniformly random bytes shows, with a margin: the plug-in
 * estimator is biased low by about 255 / (2 n ln 2) bits (Miller–Madow; more when n is near 256)
 * and spreads by about sqrt(127.5) / (n ln 2), so short samples of ciphertext are not held to 8 bits.
 * Six spreads and 20 % more bias keep a false alarm on real ciphertext below one in a billion.
 */
export function randomEntropyFloor(n: number, margin = 0.1): number {
  if (n <= 0) return 8;
  const bias = (1.2 * 255) / (2 * n * Math.LN2);
  const spread = Math.sqrt(127.5) / (n * Math.LN2);
  return 8 - bias - 6 * spread - margin;
}

/** Length of the prefix every chunk shares (a key id or version byte a sealing format may lead with). */
export function commonPrefixLength(chunks: readonly Uint8Array[]): number {
  if (chunks.length < 2) return 0;
  let n = Math.min(...chunks.map((c) => c.length));
  for (const c of chunks.slice(1))
    for (let i = 0; i < n; i++)
      if (c[i] !== chunks[0][i]) {
        n = i;
        break;
      }
  return n;
}

/** ISO/IEC 19794-2 and ANSI/INCITS 378 finger minutiae records both start with "FMR\0". */
export const FMR_MAGIC = Buffer.from('FMR\0', 'latin1');

export function containsFmrMagic(cell: Uint8Array): boolean {
  return Buffer.from(cell.buffer, cell.byteOffset, cell.byteLength).includes(FMR_MAGIC);
}
