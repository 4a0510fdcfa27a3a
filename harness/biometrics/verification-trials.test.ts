import { describe, expect, it } from 'vitest';
import { ResidentFactory } from '../../sim/population/index.ts';
import { stream } from '../../sim/random/index.ts';
import { ordinaryApplicant, verificationPositions } from './synthetic-enrolment.ts';
import { genuineTrials, impostorTrials } from './verification-trials.ts';

const factory = new ResidentFactory('trials-test', '2025-01-01');
const people = Array.from({ length: 200 }, (_, k) => factory.resident(k))
  .filter(ordinaryApplicant('2025-01-01'))
  .slice(0, 30);

describe('verification trials', () => {
  it('draws distinct impostor pairs of different people, the same for the same seed', () => {
    const a = impostorTrials(people, 300, stream('s', 'pairs'));
    const b = impostorTrials(people, 300, stream('s', 'pairs'));
    const c = impostorTrials(people, 300, stream('t', 'pairs'));
    const key = (t: (typeof a)[number]) => `${t.prober.index}>${t.claimed.index}`;
    expect(a.map(key)).toEqual(b.map(key));
    expect(a.map(key)).not.toEqual(c.map(key));
    expect(new Set(a.map(key)).size).toBe(300);
    for (const t of a) {
      expect(t.prober.index).not.toBe(t.claimed.index);
      expect(verificationPositions(t.claimed, t.prober)).toHaveLength(4);
    }
  });

  it('refuses more pairs than the people allow, and more genuine trials than people', () => {
    expect(() => impostorTrials(people.slice(0, 3), 7, stream('s'))).toThrow(RangeError);
    expect(() => genuineTrials(people.slice(0, 3), 4)).toThrow(RangeError);
    expect(genuineTrials(people, 5).every((t) => t.prober === t.claimed)).toBe(true);
  });

  it('presents the four fingers of the right hand when the person has them, others in place of missing ones', () => {
    const full = people.find((r) => r.fingers.available.length === 10);
    expect(full && verificationPositions(full)).toEqual([2, 3, 4, 5]);
    const noRightIndex = {
      ...people[0],
      fingers: { ...people[0].fingers, available: [1, 3, 4, 5, 6, 7, 8] },
    };
    expect(verificationPositions(noRightIndex as (typeof people)[number])).toEqual([3, 4, 5, 7]);
  });
});
