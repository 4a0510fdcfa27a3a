import type { FvcDatabase, FvcImage } from './fvc-database.ts';

/**
 * Which comparisons an evaluation makes.
 * - fvc2002: genuine = every pair of impressions of a finger, symmetric ones left out; impostor = the
 *   first impression of each finger against the first of every other finger, symmetric ones left out
 *   (Maio et al., "FVC2002: Second Fingerprint Verification Competition", ICPR 2002).
 * - fvc2006: FVC2006's selection (Cappelli et al., "Fingerprint Verification Competition 2006", Biometric
 *   Technology Today 15(7–8), 2007) is the same pair rule applied to its 12 impressions per finger; kept
 *   as its own name so that reports say which competition they follow.
 * - all-pairs: the same genuine pairs and every cross-finger pair as impostors, for sets too small for
 *   first-impression impostors to measure FMR (10 × 8 images: 2,880 impostor pairs instead of 45).
 */
export type ProtocolName = 'fvc2002' | 'fvc2006' | 'all-pairs';
export const PROTOCOLS: readonly ProtocolName[] = ['fvc2002', 'fvc2006', 'all-pairs'];

export interface ComparisonPair {
  /** Indices into FvcDatabase.images; a is the enrolled template, b the query. */
  a: number;
  b: number;
  genuine: boolean;
}

export interface ProtocolPairs {
  protocol: ProtocolName;
  genuine: ComparisonPair[];
  impostor: ComparisonPair[];
}

function byFinger(db: FvcDatabase): Map<number, FvcImage[]> {
  const groups = new Map<number, FvcImage[]>();
  for (const im of db.images) {
    const g = groups.get(im.finger) ?? [];
    g.push(im);
    groups.set(im.finger, g);
  }
  return groups;
}

function genuinePairs(db: FvcDatabase): ComparisonPair[] {
  const pairs: ComparisonPair[] = [];
  for (const group of byFinger(db).values())
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++)
        pairs.push({ a: group[i].index, b: group[j].index, genuine: true });
  return pairs;
}

function firstImpressionImpostors(db: FvcDatabase): ComparisonPair[] {
  const firsts = [...byFinger(db).values()].map((g) => g[0]);
  const pairs: ComparisonPair[] = [];
  for (let i = 0; i < firsts.length; i++)
    for (let j = i + 1; j < firsts.length; j++)
      pairs.push({ a: firsts[i].index, b: firsts[j].index, genuine: false });
  return pairs;
}

function allImpostors(db: FvcDatabase): ComparisonPair[] {
  const pairs: ComparisonPair[] = [];
  const ims = db.images;
  for (let i = 0; i < ims.length; i++)
    for (let j = i + 1; j < ims.length; j++)
      if (ims[i].finger !== ims[j].finger) pairs.push({ a: ims[i].index, b: ims[j].index, genuine: false });
  return pairs;
}

export function protocolPairs(db: FvcDatabase, protocol: ProtocolName): ProtocolPairs {
  const genuine = genuinePairs(db);
  const impostor = protocol === 'all-pairs' ? allImpostors(db) : firstImpressionImpostors(db);
  return { protocol, genuine, impostor };
}
