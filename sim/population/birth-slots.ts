import { AGE_PYRAMID, MAX_AGE } from './age-pyramid.ts';
import { addYears, ageOn } from './calendar.ts';

/**
 * The age pyramid laid over calendar days before an as-of date: slot 2·d + s is "born d days before
 * as-of, sex s (0 male, 1 female)", and `cdf` is the cumulative probability over slots. A uniform
 * number u picks the slot i with cdf[i-1] <= u < cdf[i].
 */
export interface BirthSlots {
  readonly asOfDay: number;
  readonly cdf: Float64Array;
  /** The largest single-slot probability: at most 1/maxSlot draws can be spread over distinct slots. */
  readonly maxSlotProbability: number;
}

const cache = new Map<number, BirthSlots>();

export function birthSlots(asOfDay: number): BirthSlots {
  let slots = cache.get(asOfDay);
  if (!slots) {
    slots = buildSlots(asOfDay);
    cache.set(asOfDay, slots);
  }
  return slots;
}

function buildSlots(asOfDay: number): BirthSlots {
  // Born on or after this day means at most MAX_AGE years old on the as-of date.
  const oldest = addYears(asOfDay, -(MAX_AGE + 1)) + 1;
  const days = asOfDay - oldest + 1;
  const ages = new Uint8Array(days);
  const daysAtAge = new Float64Array(MAX_AGE + 1);
  for (let d = 0; d < days; d++) {
    ages[d] = ageOn(asOfDay - d, asOfDay);
    daysAtAge[ages[d]]++;
  }
  const cdf = new Float64Array(days * 2);
  let total = 0;
  let maxWeight = 0;
  for (let d = 0; d < days; d++) {
    const a = ages[d];
    const male = AGE_PYRAMID.male[a] / daysAtAge[a];
    const female = AGE_PYRAMID.female[a] / daysAtAge[a];
    maxWeight = Math.max(maxWeight, male, female);
    total += male;
    cdf[2 * d] = total;
    total += female;
    cdf[2 * d + 1] = total;
  }
  for (let i = 0; i < cdf.length; i++) cdf[i] /= total;
  cdf[cdf.length - 1] = 1;
  return { asOfDay, cdf, maxSlotProbability: maxWeight / total };
}

/** Index of the first slot whose cumulative probability exceeds u (binary search). */
export function slotAt(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
