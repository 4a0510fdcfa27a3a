import { describe, expect, it } from 'vitest';
import { FINGER_POSITIONS } from '../fingerprints/finger-position.ts';
import { stream } from '../random/index.ts';
import { drawFingerAvailability } from './finger-availability.ts';

describe('finger availability', () => {
  const draws = Array.from({ length: 40_000 }, (_, k) => drawFingerAvailability(stream('fingers', k)));

  it('accounts for all ten ISO positions, each once', () => {
    const expected = FINGER_POSITIONS.join();
    const wrong = draws.filter(
      (f) =>
        [...f.available, ...f.unavailable.map((u) => u.position)].sort((a, b) => a - b).join() !== expected,
    );
    expect(wrong).toEqual([]);
  });

  it('leaves a small share of people with fewer than ten fingers, for every reason', () => {
    const fewer = draws.filter((f) => f.unavailable.length > 0).length / draws.length;
    expect(fewer).toBeGreaterThan(0.008);
    expect(fewer).toBeLessThan(0.02);
    const reasons = new Set(draws.flatMap((f) => f.unavailable.map((u) => u.reason)));
    expect([...reasons].sort()).toEqual(['amputation', 'bandage', 'scar']);
  });

  it('amputates adjacent fingers of one hand', () => {
    for (const f of draws) {
      const cut = f.unavailable.filter((u) => u.reason === 'amputation').map((u) => u.position);
      if (cut.length === 0) continue;
      expect(new Set(cut.map((p) => p <= 5)).size).toBe(1);
      expect(Math.max(...cut) - Math.min(...cut)).toBe(cut.length - 1);
    }
  });
});
