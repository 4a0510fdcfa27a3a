import type { Evidence } from '../requirements/evidence.ts';
import { type AttackOutcome, attackSkipped } from './attack.ts';
import type { Canary } from './canary.ts';
import type { DigestCell } from './canary-storage-run.ts';
import { IIN_HASH_REVERSAL, reverseStoredDigests } from './iin-hash-reversal.ts';

/**
 * DEP-HSH-01: every digest-shaped value of the fingerprint database (hex, UUID, base64 or raw
 * 16/20/32 bytes) looked up among the MD5, SHA-1 and SHA-256 digests of every IIN that could belong
 * to someone born on a canary's birth date.
 */
export function runIinHashReversal(
  digestCells: readonly DigestCell[] | null,
  canaries: readonly Canary[],
): { evidence: Evidence; outcome?: AttackOutcome } {
  if (!digestCells)
    return { evidence: attackSkipped(IIN_HASH_REVERSAL, 'the fingerprint database could not be read') };
  return reverseStoredDigests(
    digestCells,
    canaries.map((c) => c.iin),
    canaries.map((c) => c.birthDate),
  );
}
