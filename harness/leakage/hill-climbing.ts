import type { FingerTemplate, Minutia } from '../../sim/matcher/template.ts';
import type { Random } from '../../sim/random/index.ts';
import type { Evidence } from '../requirements/evidence.ts';
import { type AttackOutcome, attackOutcome, type LeakageAttack } from './attack.ts';

export const HILL_CLIMBING: LeakageAttack = {
  id: 'leakage/hill-climbing',
  requirement: 'DEP-SCO-01',
  title: 'Hill-climbing on exposed comparison scores',
};

/** What a verification answers: always a decision; a score only if the target leaks one. */
export interface OracleAnswer {
  accepted: boolean;
  score?: number;
  /** Set when the target stopped answering (rate limit, lock-out): the climb ends there, not accepted. */
  stopped?: string;
}
export type ScoreOracle<T> = (candidate: T) => OracleAnswer | Promise<OracleAnswer>;

export interface ClimbResult {
  /** False when the oracle gives decisions only: there is no gradient to climb. */
  applicable: boolean;
  accepted: boolean;
  /** Queries made, the first included; at acceptance, the attempts it took. */
  attempts: number;
  bestScore: number | null;
  reason: string;
}

/**
 * Hill-climbing (Soutar 1998; Uludag & Jain 2004): perturb the best candidate so far, keep the
 * perturbation when the score rises, stop at acceptance or when the budget of queries is spent.
 */
export async function hillClimb<T>(o: {
  initial: T;
  perturb: (random: Random, candidate: T) => T;
  oracle: ScoreOracle<T>;
  budget: number;
  random: Random;
}): Promise<ClimbResult> {
  const first = await o.oracle(o.initial);
  if (first.score === undefined || !Number.isFinite(first.score))
    return {
      applicable: false,
      accepted: first.accepted,
      attempts: 1,
      bestScore: null,
      reason: 'the oracle answers with decisions only: no score to climb',
    };
  let best = o.initial;
  let bestScore = first.score;
  for (let attempts = 2; attempts <= o.budget; attempts++) {
    const candidate = o.perturb(o.random, best);
    const answer = await o.oracle(candidate);
    if (answer.stopped)
      return { applicable: true, accepted: false, attempts, bestScore, reason: answer.stopped };
    if (answer.accepted)
      return {
        applicable: true,
        accepted: true,
        attempts,
        bestScore: answer.score ?? bestScore,
        reason: 'accepted',
      };
    if ((answer.score ?? Number.NEGATIVE_INFINITY) > bestScore) {
      best = candidate;
      bestScore = answer.score!;
    }
  }
  return { applicable: true, accepted: false, attempts: o.budget, bestScore, reason: 'budget spent' };
}

function randomMinutia(random: Random, t: FingerTemplate): Minutia {
  return {
    x: random.int(t.width),
    y: random.int(t.height),
    angle: random.uniform(0, 2 * Math.PI),
    type: random.bernoulli(0.5) ? 'ending' : 'bifurcation',
    quality: 60,
  };
}

/** A random template of the target's image size, the climb's starting point. */
export function randomTemplate(
  random: Random,
  like: { width: number; height: number; ppi: number },
  count = 30,
): FingerTemplate {
  const t: FingerTemplate = {
    width: like.width,
    height: like.height,
    ppi: like.ppi,
    quality: 60,
    minutiae: [],
  };
  t.minutiae = Array.from({ length: count }, () => randomMinutia(random, t));
  return t;
}

/** One step of Uludag & Jain: move, re-angle, replace, add or remove one minutia. */
export function perturbMinutiae(random: Random, t: FingerTemplate): FingerTemplate {
  const m = t.minutiae.slice();
  const i = random.int(Math.max(1, m.length));
  const step = random.int(5);
  if (step === 0 && m.length > 0)
    m[i] = {
      ...m[i],
      x: Math.min(t.width - 1, Math.max(0, m[i].x + random.normal(0, 8))),
      y: Math.min(t.height - 1, Math.max(0, m[i].y + random.normal(0, 8))),
    };
  else if (step === 1 && m.length > 0)
    m[i] = { ...m[i], angle: (m[i].angle + random.normal(0, 0.4) + 2 * Math.PI) % (2 * Math.PI) };
  else if (step === 2 && m.length > 0) m[i] = randomMinutia(random, t);
  else if (step === 3 || m.length < 8) m.push(randomMinutia(random, t));
  else m.splice(i, 1);
  return { ...t, minutiae: m };
}

export interface HillClimbingResult {
  climbs: ClimbResult[];
  outcome: AttackOutcome;
  evidence: Evidence;
}

/** The attack against several enrolled subjects; its success rate is the share reached within the budget. */
export function hillClimbingEvidence(climbs: readonly ClimbResult[], budget: number): HillClimbingResult {
  const accepted = climbs.filter((c) => c.applicable && c.accepted);
  const applicable = climbs.some((c) => c.applicable);
  const outcome = attackOutcome(HILL_CLIMBING, accepted.length, climbs.length);
  const attempts = accepted.map((c) => c.attempts).sort((a, b) => a - b);
  const summary = !applicable
    ? `not applicable to ${climbs.length} subjects: responses carry decisions only`
    : `${accepted.length} of ${climbs.length} subjects reached within ${budget} queries` +
      (attempts.length > 0
        ? ` (median ${attempts[Math.floor(attempts.length / 2)]} attempts to acceptance)`
        : '');
  return {
    climbs: [...climbs],
    outcome,
    evidence: {
      test: HILL_CLIMBING.id,
      outcome: 'measured',
      summary,
      measurements: {
        acceptedShare: {
          value: outcome.successRate ?? Number.NaN,
          errors: accepted.length,
          trials: climbs.length,
        },
      },
      details: { applicable, budget, attempts },
    },
  };
}
