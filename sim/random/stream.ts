import { murmur3x86128 } from './murmur3.ts';
import { Random } from './random.ts';

/** A part of a stream address: strings name a purpose ("citizen"), numbers index within it. */
export type StreamKey = string | number;

const encoder = new TextEncoder();

/**
 * Canonical byte form of (seed, ...keys). Each part is tagged with its type so that
 * ("1", 2) and (1, "2") address different streams, and parts are separated by a byte that
 * cannot occur in UTF-8 so that ("ab", "c") and ("a", "bc") differ.
 */
export function streamAddress(seed: string, keys: readonly StreamKey[]): Uint8Array {
  let text = `s:${seed}`;
  for (const key of keys) {
    if (typeof key === 'number') {
      if (!Number.isSafeInteger(key)) throw new RangeError(`stream key ${key} must be a safe integer`);
      text += `\u0000n:${key}`;
    } else {
      text += `\u0000t:${key}`;
    }
  }
  return encoder.encode(text);
}

/**
 * The random stream at address (seed, ...keys). Streams are independent of each other and of the
 * order in which they are created, so item k can be produced alone, on any worker.
 */
export function stream(seed: string, ...keys: StreamKey[]): Random {
  return Random.fromState(murmur3x86128(streamAddress(seed, keys), 0x64616374));
}

/** Normalises a user-given seed (number or text) to the canonical seed string. */
export function canonicalSeed(seed: string | number): string {
  if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed ${seed} must be a safe integer`);
    return String(seed);
  }
  const trimmed = seed.trim();
  if (trimmed.length === 0) throw new RangeError('seed must not be empty');
  return trimmed;
}
