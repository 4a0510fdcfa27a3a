import type { CertificationTarget } from '../targets/certification-target.ts';
import { attackSkipped } from './attack.ts';
import type { Canary } from './canary.ts';
import { CANARY_STORAGE, type CanaryResult, storageCanaries } from './canary-leakage.ts';
import { asDigestHex } from './iin-hash-reversal.ts';

/** A stored value shaped like a digest, kept for the IIN hash reversal. */
export interface DigestCell {
  value: string | Uint8Array;
  location: string;
}

export interface StorageRun {
  result: CanaryResult | null;
  evidence: CanaryResult['evidence'];
  /** Digest-shaped cells seen on the way, or null when storage could not be read. */
  digestCells: DigestCell[] | null;
}

/**
 * DEP-PII-01: every table, column and large object of the fingerprint database searched for the
 * canaries in every encoding; the same pass keeps the digest-shaped cells for the hash reversal.
 */
export async function runCanaryStorage(
  target: CertificationTarget,
  canaries: readonly Canary[],
): Promise<StorageRun> {
  const fdb = target.fingerprintDatabase;
  if (!fdb)
    return {
      result: null,
      evidence: attackSkipped(CANARY_STORAGE, 'the target gives no read access to its fingerprint database'),
      digestCells: null,
    };
  const digestCells: DigestCell[] = [];
  const result = await storageCanaries(fdb.db, fdb.schemas, canaries, (value, location) => {
    if (asDigestHex(value)) digestCells.push({ value, location });
  });
  return { result, evidence: result.evidence, digestCells };
}
