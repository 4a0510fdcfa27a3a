import { createHash, hash } from 'node:crypto';
import { formatIin, type Sex } from '../../sim/population/iin.ts';
import type { Evidence } from '../requirements/evidence.ts';
import { type AttackOutcome, attackOutcome, type LeakageAttack } from './attack.ts';

export const IIN_HASH_REVERSAL: LeakageAttack = {
  id: 'leakage/iin-hash-reversal',
  requirement: 'DEP-HSH-01',
  title: 'Reversal of plain IIN hashes by enumeration',
};

const ALGORITHMS = ['md5', 'sha1', 'sha256'] as const;
export type DigestAlgorithm = (typeof ALGORITHMS)[number];

/**
 * Every IIN that can be issued to a person born on `birthDate`: both sexes, registration numbers
 * 0000–9999, minus those without a check digit — about 18,200. This is why hashing an IIN hides nothing.
 */
export function iinsOfBirthDate(birthDate: string): string[] {
  const [y, m, d] = birthDate.split('-').map(Number);
  const out: string[] = [];
  for (const sex of ['M', 'F'] as Sex[])
    for (let registration = 0; registration < 10_000; registration++) {
      const iin = formatIin(y, m, d, sex, registration);
      if (iin) out.push(iin);
    }
  return out;
}

/**
 * Digests as stored values may carry them, reduced to a lookup key: lower-case hex, and for digests
 * squeezed into a UUID the first 32 hex digits with the version and variant nibbles masked.
 */
export function digestKeys(hex: string): string[] {
  const h = hex.toLowerCase();
  const keys = [h];
  if (h.length >= 32) keys.push(uuidKey(h.slice(0, 32)));
  return keys;
}

function uuidKey(hex32: string): string {
  return `uuid:${hex32.slice(0, 12)}_${hex32.slice(13, 16)}_${hex32.slice(17)}`;
}

/** A stored value as digest hex when it has the shape of one (hex, UUID, base64 or raw bytes of 16/20/32). */
export function asDigestHex(value: string | Uint8Array): string | null {
  if (typeof value !== 'string')
    return [16, 20, 32].includes(value.length) ? Buffer.from(value).toString('hex') : null;
  const v = value.trim();
  if (/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v))
    return v.replace(/-/g, '');
  if (/^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/.test(v)) return v;
  if (/^[A-Za-z0-9+/_-]{22,44}={0,2}$/.test(v)) {
    const raw = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return [16, 20, 32].includes(raw.length) ? raw.toString('hex') : null;
  }
  return null;
}

/** A dictionary from digest key to IIN for every IIN of the given birth dates, under MD5, SHA-1 and SHA-256. */
export function iinDigestDictionary(birthDates: readonly string[]): Map<string, string> {
  const dict = new Map<string, string>();
  for (const date of new Set(birthDates))
    for (const iin of iinsOfBirthDate(date))
      for (const a of ALGORITHMS)
        for (const key of digestKeys(createHash(a).update(iin).digest('hex'))) dict.set(key, iin);
  return dict;
}

/** Reverses one digest of an IIN born on `birthDate` by trying every candidate; null when none hashes to it. */
export function reverseIinDigest(
  digestHex: string,
  algorithm: DigestAlgorithm,
  birthDate: string,
): { iin: string | null; tried: number } {
  const target = digestHex.toLowerCase();
  const candidates = iinsOfBirthDate(birthDate);
  for (let i = 0; i < candidates.length; i++)
    if (createHash(algorithm).update(candidates[i]).digest('hex') === target)
      return { iin: candidates[i], tried: i + 1 };
  return { iin: null, tried: candidates.length };
}

export interface ReversalResult {
  /** IINs recovered from stored values, with where each was found. */
  reversed: { iin: string; location: string }[];
  digestShapedValues: number;
  outcome: AttackOutcome;
  evidence: Evidence;
}

/**
 * The attack on a target's storage: every digest-shaped stored value is looked up among the MD5,
 * SHA-1 and SHA-256 digests of every IIN of the canaries' birth dates, one date at a time (so memory
 * stays that of the stored values, not of a million-entry dictionary). Its success rate is the share
 * of canary IINs recovered.
 */
export function reverseStoredDigests(
  values: Iterable<{ value: string | Uint8Array; location: string }>,
  canaryIins: readonly string[],
  birthDates: readonly string[],
): ReversalResult {
  const stored = new Map<string, string>();
  let shaped = 0;
  for (const { value, location } of values) {
    const hex = asDigestHex(value);
    if (!hex) continue;
    shaped++;
    for (const k of digestKeys(hex)) if (!stored.has(k)) stored.set(k, location);
  }
  const reversed: { iin: string; location: string }[] = [];
  let tried = 0;
  if (stored.size > 0)
    for (const date of new Set(birthDates))
      for (const iin of iinsOfBirthDate(date)) {
        tried++;
        for (const a of ALGORITHMS) {
          const location = digestKeys(hash(a, iin, 'hex'))
            .map((k) => stored.get(k))
            .find((x) => x !== undefined);
          if (location) reversed.push({ iin, location });
        }
      }
  const targets = new Set(canaryIins);
  const recovered = new Set(reversed.map((r) => r.iin).filter((i) => targets.has(i))).size;
  const outcome = attackOutcome(IIN_HASH_REVERSAL, recovered, targets.size);
  const evidence: Evidence = {
    test: IIN_HASH_REVERSAL.id,
    outcome: 'measured',
    summary: `${recovered} of ${targets.size} canary IINs recovered from ${shaped} digest-shaped stored values (${tried} candidate IINs of ${new Set(birthDates).size} birth dates, MD5/SHA-1/SHA-256)`,
    measurements: {
      reversedShare: { value: outcome.successRate ?? Number.NaN, errors: recovered, trials: targets.size },
    },
    details: { reversed: reversed.slice(0, 50), digestShapedValues: shaped, candidatesTried: tried },
  };
  return { reversed, digestShapedValues: shaped, outcome, evidence };
}
