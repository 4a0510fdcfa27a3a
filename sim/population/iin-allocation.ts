import type { Random } from '../random/index.ts';
import { stream } from '../random/index.ts';
import { type BirthSlots, birthSlots, slotAt } from './birth-slots.ts';
import { civilOf } from './calendar.ts';
import { formatIin, iinCheckDigit, iinPrefix, type Sex } from './iin.ts';
import { KeyedPermutation } from './keyed-permutation.ts';

/**
 * Birth date, sex and a unique IIN for resident k, computed from (seed, k) alone.
 *
 * Design. Residents are dealt into 9000 windows, resident k to window w = k mod 9000 as its
 * j = ⌊k / 9000⌋-th member, so that neighbours in the stream differ in everything; window w owns
 * registration number σ(w) (a keyed permutation of 0..8999). Inside a window, j goes through a keyed
 * permutation π_w of 0..W-1 to a stratum m, and the birth (day, sex) slot is the pyramid's inverse CDF
 * at u = (m + δ_w)/W, δ_w a per-window offset in [0, 1). Because no slot holds more than 1/W of the
 * probability, distinct strata land in distinct slots: within a window no two residents share a birth
 * date and sex, and across windows registration numbers differ, so IINs are unique by construction,
 * not by checking. A population holds up to 9000·W residents (W ≈ 32,000 for today's pyramid).
 *
 * When σ(w) yields no check digit for a prefix ("not issued": remainder 10 twice), the registry draws
 * another number: we take the r-th issuable number of the reserve 9000..9999, r being the rank of σ(w)
 * among the unissuable numbers below 9000 for that prefix. Whether a number is issuable depends on the
 * prefix only through its two weighted sums mod 11, so the ranks come from 121 small tables, and the
 * reserve always suffices (checked exhaustively in the tests).
 */

const WINDOW_SERIALS = 9000;
const RESERVE_FROM = 9000;

export interface IdentitySlot {
  birthDay: number;
  sex: Sex;
  iin: string;
}

interface Window {
  strata: KeyedPermutation;
  offset: number;
  serial: number;
}

export class IinAllocator {
  readonly windowSize: number;
  readonly capacity: number;
  private readonly slots: BirthSlots;
  private readonly serials: KeyedPermutation;
  /** Each window's parameters, made from its own stream on first use (9000 at most). */
  private readonly windows: (Window | undefined)[] = new Array(WINDOW_SERIALS);

  constructor(
    private readonly seed: string,
    asOfDay: number,
  ) {
    this.slots = birthSlots(asOfDay);
    // A margin below 1/max keeps float rounding in the CDF from ever merging two strata.
    this.windowSize = Math.floor(0.999 / this.slots.maxSlotProbability);
    this.capacity = this.windowSize * WINDOW_SERIALS;
    this.serials = new KeyedPermutation(WINDOW_SERIALS, roundKeys(stream(seed, 'iin-serials')));
  }

  slot(k: number): IdentitySlot {
    if (!(Number.isSafeInteger(k) && k >= 0 && k < this.capacity))
      throw new RangeError(`resident index ${k} is outside [0, ${this.capacity})`);
    const w = this.window(k % WINDOW_SERIALS);
    const stratum = w.strata.apply(Math.floor(k / WINDOW_SERIALS));
    const i = slotAt(this.slots.cdf, (stratum + w.offset) / this.windowSize);
    const birthDay = this.slots.asOfDay - (i >> 1);
    const sex: Sex = (i & 1) === 0 ? 'M' : 'F';
    const [y, m, d] = civilOf(birthDay);
    const iin =
      formatIin(y, m, d, sex, w.serial) ?? formatIin(y, m, d, sex, reserveSerial(y, m, d, sex, w.serial));
    return { birthDay, sex, iin: iin! };
  }

  private window(index: number): Window {
    let w = this.windows[index];
    if (!w) {
      const r = stream(this.seed, 'iin-window', index);
      w = {
        strata: new KeyedPermutation(this.windowSize, roundKeys(r)),
        offset: r.float(),
        serial: this.serials.apply(index),
      };
      this.windows[index] = w;
    }
    return w;
  }
}

function roundKeys(r: Random): number[] {
  return [r.uint32(), r.uint32(), r.uint32(), r.uint32()];
}

/** reserve[pair][s] for s < 9000: -1 when s is issuable, else its replacement from 9000..9999. */
const reserveTables = new Map<number, Int16Array>();

function reserveSerial(y: number, m: number, d: number, sex: Sex, serial: number): number {
  const digits = iinPrefix(y, m, d, sex, 0);
  const key = residuePair(digits);
  let table = reserveTables.get(key);
  if (!table) {
    table = buildReserveTable(digits);
    reserveTables.set(key, table);
  }
  return table[serial];
}

/** The prefix's two weighted sums mod 11: all that issuability depends on besides the serial. */
export function residuePair(digits: Uint8Array): number {
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < 7; i++) {
    s1 += digits[i] * (i + 1);
    s2 += digits[i] * (i + 3);
  }
  return (s1 % 11) * 11 + (s2 % 11);
}

/** Builds the replacement table for the residue pair of `prefix` (its serial digits are ignored). */
export function buildReserveTable(prefix: Uint8Array): Int16Array {
  const digits = prefix.slice();
  const issuable = (serial: number): boolean => {
    digits[7] = Math.floor(serial / 1000);
    digits[8] = Math.floor(serial / 100) % 10;
    digits[9] = Math.floor(serial / 10) % 10;
    digits[10] = serial % 10;
    return iinCheckDigit(digits) >= 0;
  };
  const reserve: number[] = [];
  for (let s = RESERVE_FROM; s < 10_000; s++) if (issuable(s)) reserve.push(s);
  const table = new Int16Array(WINDOW_SERIALS).fill(-1);
  let rank = 0;
  for (let s = 0; s < WINDOW_SERIALS; s++) {
    if (issuable(s)) continue;
    if (rank >= reserve.length) throw new Error('IIN reserve exhausted');
    table[s] = reserve[rank++];
  }
  return table;
}
