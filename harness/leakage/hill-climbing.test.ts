import { describe, expect, it } from 'vitest';
import type { FingerTemplate } from '../../sim/matcher/template.ts';
import { stream } from '../../sim/random/index.ts';
import { hillClimb, hillClimbingEvidence, perturbMinutiae, randomTemplate } from './hill-climbing.ts';

const target = randomTemplate(stream('hill', 'target'), { width: 300, height: 400, ppi: 500 }, 25);

/** A score leaking oracle: the share of the target's minutiae that the probe places within 12 px and 0.5 rad. */
function similarity(probe: FingerTemplate): number {
  let hit = 0;
  for (const t of target.minutiae)
    if (
      probe.minutiae.some(
        (p) =>
          Math.hypot(p.x - t.x, p.y - t.y) < 12 &&
          Math.abs(Math.atan2(Math.sin(p.angle - t.angle), Math.cos(p.angle - t.angle))) < 0.5,
      )
    )
      hit++;
  // Extra minutiae cost a little, as in real matchers' normalisation.
  return hit / Math.max(target.minutiae.length, probe.minutiae.length * 0.8);
}

describe('hill-climbing', () => {
  it('reaches acceptance against a score oracle and reports the attempts', async () => {
    const r = await hillClimb({
      initial: randomTemplate(stream('hill', 'start'), target),
      perturb: perturbMinutiae,
      oracle: (p) => {
        const score = similarity(p);
        return { accepted: score >= 0.4, score };
      },
      budget: 20_000,
      random: stream('hill', 'climb'),
    });
    expect(r).toMatchObject({ applicable: true, accepted: true });
    expect(r.attempts).toBeGreaterThan(10);
    expect(r.attempts).toBeLessThan(20_000);
  });

  it('with decisions only there is nothing to climb: not applicable after one query', async () => {
    let queries = 0;
    const r = await hillClimb({
      initial: randomTemplate(stream('hill', 'start'), target),
      perturb: perturbMinutiae,
      oracle: (p) => {
        queries++;
        return { accepted: similarity(p) >= 0.4 };
      },
      budget: 20_000,
      random: stream('hill', 'climb'),
    });
    expect(r).toMatchObject({ applicable: false, accepted: false, attempts: 1, bestScore: null });
    expect(queries).toBe(1);
    const e = hillClimbingEvidence([r, r], 20_000).evidence;
    expect(e.summary).toMatch(/not applicable .* decisions only/);
    expect(e.measurements?.acceptedShare).toMatchObject({ value: 0, errors: 0, trials: 2 });
  });

  it('stops at the budget', async () => {
    const r = await hillClimb({
      initial: randomTemplate(stream('hill', 'start'), target),
      perturb: perturbMinutiae,
      oracle: (p) => ({ accepted: false, score: similarity(p) }),
      budget: 50,
      random: stream('hill', 'climb'),
    });
    expect(r).toMatchObject({ applicable: true, accepted: false, attempts: 50, reason: 'budget spent' });
  });
});
