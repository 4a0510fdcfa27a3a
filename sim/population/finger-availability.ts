import { FINGER_POSITIONS, type FingerPosition } from '../fingerprints/finger-position.ts';
import type { Random } from '../random/index.ts';
import { POPULATION_TUNING } from './tuning.ts';
import { WeightedTable } from './weighted-table.ts';

/**
 * Which fingers can be captured at enrolment. Amputation is permanent, a bandage temporary (the law
 * lets fingerprinting be postponed for hand injuries), scars make a finger unprintable; a person with
 * no papillary patterns on any finger is exempt. Enrolment must therefore handle fewer than ten.
 */
export type FingerUnavailability = 'amputation' | 'bandage' | 'scar' | 'no-papillary-pattern';

export interface FingerAvailability {
  /** ISO/IEC 19794-2 finger positions that can be captured. */
  available: FingerPosition[];
  unavailable: { position: FingerPosition; reason: FingerUnavailability }[];
}

const F = POPULATION_TUNING.fingers;
const FINGER_TABLE = new WeightedTable(F.fingerWeights);
const AMPUTATED_COUNT_TABLE = new WeightedTable(F.amputatedCount);

export function drawFingerAvailability(random: Random): FingerAvailability {
  const reasons = new Map<FingerPosition, FingerUnavailability>();
  if (random.bernoulli(F.noPatterns)) {
    for (const p of FINGER_POSITIONS) reasons.set(p, 'no-papillary-pattern');
  } else {
    if (random.bernoulli(F.amputation)) amputate(random, reasons);
    if (random.bernoulli(F.bandage)) mark(random, reasons, 'bandage', random.bernoulli(0.8) ? 1 : 2);
    if (random.bernoulli(F.scar)) mark(random, reasons, 'scar', 1 + random.int(3));
  }
  if (reasons.size === 0) return { available: [...FINGER_POSITIONS], unavailable: [] };
  return {
    available: FINGER_POSITIONS.filter((p) => !reasons.has(p)),
    unavailable: [...reasons].sort((a, b) => a[0] - b[0]).map(([position, reason]) => ({ position, reason })),
  };
}

/** Amputations take adjacent fingers of one hand, starting from the injured one. */
function amputate(random: Random, reasons: Map<FingerPosition, FingerUnavailability>): void {
  const count = 1 + AMPUTATED_COUNT_TABLE.draw(random);
  const hand = random.bernoulli(0.5) ? 0 : 5;
  const first = count === 5 ? 0 : random.weightedIndex(F.fingerWeights.slice(0, 5 - count + 1));
  for (let i = 0; i < count; i++) reasons.set((hand + first + i + 1) as FingerPosition, 'amputation');
}

function mark(
  random: Random,
  reasons: Map<FingerPosition, FingerUnavailability>,
  reason: FingerUnavailability,
  count: number,
): void {
  for (let i = 0; i < count; i++) {
    const p = (FINGER_TABLE.draw(random) + 1 + (random.bernoulli(0.5) ? 0 : 5)) as FingerPosition;
    if (!reasons.has(p)) reasons.set(p, reason);
  }
}
