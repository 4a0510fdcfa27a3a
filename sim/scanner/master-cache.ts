import type { FingerPosition } from '../fingerprints/finger-position.ts';
import { generateMaster } from '../fingerprints/master/master.ts';
import type { MasterFingerprint } from '../fingerprints/master-fingerprint.ts';

/** Masters kept in memory for all scanners of the process: ~0.7 s to synthesize, ~2 MB each. */
export const MASTER_CACHE_SIZE = 48;

const cache = new Map<string, MasterFingerprint>();

/**
 * The master of one finger, synthesized once: masters do not depend on the device, so every virtual
 * scanner (references and mutants capturing the same panel) shares them. Least recently used goes first.
 */
export function cachedMaster(seed: string, subject: number, position: FingerPosition): MasterFingerprint {
  const id = `${seed}\u0000${subject}\u0000${position}`;
  let m = cache.get(id);
  if (m) cache.delete(id);
  else {
    m = generateMaster(seed, subject, position);
    if (cache.size >= MASTER_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  cache.set(id, m);
  return m;
}
