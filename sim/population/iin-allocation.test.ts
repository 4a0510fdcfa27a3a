import { describe, expect, it } from 'vitest';
import { birthSlots } from './birth-slots.ts';
import { isoOf, parseIso } from './calendar.ts';
import { validateIin } from './iin.ts';
import { buildReserveTable, IinAllocator, residuePair } from './iin-allocation.ts';

const AS_OF = parseIso('2025-01-01');

describe('IIN reserve for numbers never issued', () => {
  it('always has room: for all 121 residue pairs, the reserve holds every unissuable number', () => {
    // Issuability depends on the first seven digits only through their two weighted sums mod 11, so
    // covering all 121 pairs of sums covers every birth date and century-and-sex digit there is.
    const pairs = new Set<number>();
    for (let a = 0; a < 10; a++)
      for (let b = 0; b < 10; b++)
        for (let c = 1; c <= 6; c++) {
          const prefix = Uint8Array.of(a, b, 0, 1, 0, 1, c, 0, 0, 0, 0);
          const pair = residuePair(prefix);
          if (pairs.has(pair)) continue;
          pairs.add(pair);
          const replacements = [...buildReserveTable(prefix)].filter((r) => r >= 0);
          expect(replacements.length).toBeGreaterThan(40);
          expect(new Set(replacements).size).toBe(replacements.length);
          expect(Math.min(...replacements)).toBeGreaterThanOrEqual(9000);
        }
    expect(pairs.size).toBe(121);
  });
});

describe('IinAllocator', () => {
  const allocator = new IinAllocator('alloc-test', AS_OF);

  it('keeps every slot probability below one stratum, which is what makes IINs unique', () => {
    const slots = birthSlots(AS_OF);
    expect(slots.maxSlotProbability * allocator.windowSize).toBeLessThan(1);
    expect(allocator.windowSize).toBeGreaterThan(10_000);
    expect(allocator.capacity).toBeGreaterThan(50_000_000);
  });

  it('gives valid, unique IINs that agree with birth date and sex, near the start and far into the population', () => {
    const seen = new Set<string>();
    const w = allocator.windowSize;
    const ks = [...Array(60_000).keys()].concat([...Array(5000).keys()].map((i) => 1000 * w + i));
    const wrong: string[] = [];
    for (const k of ks) {
      const s = allocator.slot(k);
      const v = validateIin(s.iin);
      if (!v.valid || v.birthDate !== isoOf(s.birthDay) || v.sex !== s.sex) wrong.push(`${k}: ${s.iin}`);
      seen.add(s.iin);
    }
    expect(wrong).toEqual([]);
    expect(seen.size).toBe(ks.length);
  });

  it('puts no one born after the as-of date or older than 100', () => {
    for (let k = 0; k < 20_000; k += 7) {
      const { birthDay } = allocator.slot(k);
      expect(birthDay).toBeLessThanOrEqual(AS_OF);
      expect(birthDay).toBeGreaterThan(parseIso('1923-12-31'));
    }
  });

  it('gives resident k the same slot whatever was allocated before', () => {
    const fresh = new IinAllocator('alloc-test', AS_OF);
    expect(fresh.slot(123_456)).toEqual(allocator.slot(123_456));
    expect(new IinAllocator('other', AS_OF).slot(123_456)).not.toEqual(allocator.slot(123_456));
  });
});
