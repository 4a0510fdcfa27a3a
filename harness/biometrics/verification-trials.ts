import type { Resident } from '../../sim/population/index.ts';
import type { Random } from '../../sim/random/index.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import { ReferenceApiClient } from '../targets/reference-api-client.ts';
import type { VerificationRequest } from '../targets/reference-api-types.ts';
import {
  IMPRESSION,
  probePrints,
  VERIFICATION_FINGERS,
  verificationPositions,
} from './synthetic-enrolment.ts';

/** One 1:1 verification transaction: `prober`'s prints presented with `claimed`'s IIN. */
export interface VerificationTrial {
  claimed: Resident;
  prober: Resident;
}

/** What a series of verifications gave: decisions, and the answers that were not decisions. */
export interface VerificationTally {
  /** Transactions that ended in a decision. */
  decided: number;
  matches: number;
  /** Answers without a decision (HTTP status / error code → count). */
  undecided: Record<string, number>;
  /** A score per decided transaction, when the target exposes one (it should not); else null. */
  scores: number[] | null;
  /** Transactions per second, for the lead's budget (volatile). */
  perSecond: number;
}

/** Verifications in flight at once: overlaps the target's I/O without reordering the results. */
const IN_FLIGHT = 4;

/** Genuine trials: each enrolled person verified once with another impression of their own fingers. */
export function genuineTrials(enrolled: readonly Resident[], n: number): VerificationTrial[] {
  if (n > enrolled.length)
    throw new RangeError(
      `${n} genuine verifications need as many enrolled people; only ${enrolled.length} are`,
    );
  return enrolled.slice(0, n).map((r) => ({ claimed: r, prober: r }));
}

/**
 * Impostor (zero-effort) trials: ordered pairs of distinct enrolled people drawn from the seed's
 * stream, each pair at most once, so no pair's result is counted twice.
 */
export function impostorTrials(
  enrolled: readonly Resident[],
  n: number,
  random: Random,
): VerificationTrial[] {
  const m = enrolled.length;
  if (n === 0) return [];
  if (m < 2 || n > m * (m - 1))
    throw new RangeError(`${n} impostor pairs need more than the ${m} enrolled people give`);
  const seen = new Set<number>();
  const out: VerificationTrial[] = [];
  for (let draws = 0; out.length < n; draws++) {
    if (draws > 100 * n) throw new RangeError(`could not draw ${n} distinct impostor pairs from ${m} people`);
    const a = random.int(m);
    const b = random.int(m);
    if (a === b || seen.has(a * m + b)) continue;
    seen.add(a * m + b);
    // A pair with fewer fingers in common could not make a full-slap claim.
    if (verificationPositions(enrolled[b], enrolled[a]).length < VERIFICATION_FINGERS) continue;
    out.push({ prober: enrolled[a], claimed: enrolled[b] });
  }
  return out;
}

type Answer = { decision: 'match' | 'no-match'; score: number | null } | { undecided: string };

/**
 * The answer as the target gave it. Read without the contract's schema check, because a target
 * that leaks a score breaks the contract and the score is what we want to see; a body without a
 * valid decision is undecided.
 */
function readAnswer(status: number, body: unknown): Answer {
  const b = body as { decision?: unknown; score?: unknown; code?: unknown } | null;
  if (status !== 200 || typeof b !== 'object' || b === null)
    return { undecided: `${status}${typeof b?.code === 'string' ? ` ${b.code}` : ''}` };
  if (b.decision !== 'match' && b.decision !== 'no-match') return { undecided: `${status} no decision` };
  return { decision: b.decision, score: typeof b.score === 'number' ? b.score : null };
}

async function eachInFlight<T, R>(
  items: readonly T[],
  fn: (t: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, lane));
  return out;
}

/**
 * Roles allowed to verify 1:1 (border control first). Trials rotate over those the target gives a
 * token for: a rate limit per operator (the reference allows 600 verifications a minute each)
 * would otherwise make a certification-sized sample wait minutes.
 */
const VERIFYING_ROLES = ['border-officer', 'psc-operator', 'consulate-officer', 'certifier'] as const;
/** How long one transaction may wait out rate limits before it counts as undecided. */
const MAX_WAIT_MS = 120_000;

/** Whether the target config gives a token for some role that may verify 1:1. */
export function canVerify(target: CertificationTarget): boolean {
  return VERIFYING_ROLES.some((role) => target.token(role));
}

type Lane = { role: string; client: ReferenceApiClient; permitted: boolean };

/**
 * Sends one verification; waits out a 429 as its Retry-After says and moves to another role on a
 * 403 (a target whose policy differs from the reference's), so that neither becomes a trial.
 */
async function verifyOnce(lanes: Lane[], first: number, body: VerificationRequest): Promise<Answer> {
  let waited = 0;
  let i = first;
  for (;;) {
    const lane = lanes[i % lanes.length];
    if (!lane.permitted) {
      if (lanes.every((l) => !l.permitted)) return { undecided: '403 forbidden for every verifying role' };
      i++;
      continue;
    }
    const res = await lane.client.verify(body);
    if (res.status === 403) {
      lane.permitted = false;
      continue;
    }
    if (res.status === 429 && waited < MAX_WAIT_MS) {
      const ms = Math.max(100, Number(res.headers['retry-after'] ?? 1) * 1000);
      waited += ms;
      await new Promise((r) => setTimeout(r, ms));
      continue;
    }
    return readAnswer(res.status, res.body);
  }
}

/**
 * Runs verifications through the target's API at the target's own operating threshold (the API
 * gives decisions only). Each transaction carries four fingers (VERIFICATION_FINGERS) from the
 * verification impression and counts as one trial.
 */
export async function runVerifications(
  target: CertificationTarget,
  seed: string,
  trials: readonly VerificationTrial[],
  onProgress: (done: number) => void = () => {},
): Promise<VerificationTally> {
  const lanes: Lane[] = VERIFYING_ROLES.filter((role) => target.token(role)).map((role) => ({
    role,
    permitted: true,
    client: new ReferenceApiClient({
      transport: target.transport,
      token: target.token(role),
      validate: false,
    }),
  }));
  if (lanes.length === 0) throw new Error('the target config gives no token for a role that may verify 1:1');
  const started = performance.now();
  let done = 0;
  const answers = await eachInFlight(trials, async (t, k): Promise<Answer> => {
    const positions = verificationPositions(t.claimed, t.prober);
    const fingerprints = probePrints(seed, t.prober.index, IMPRESSION.verification, positions);
    const answer = await verifyOnce(lanes, k, { iin: t.claimed.iin, fingerprints });
    if (++done % 50 === 0) onProgress(done);
    return answer;
  });
  const seconds = (performance.now() - started) / 1000;
  const tally: VerificationTally = {
    decided: 0,
    matches: 0,
    undecided: {},
    scores: [],
    perSecond: seconds > 0 ? trials.length / seconds : 0,
  };
  for (const a of answers) {
    if ('undecided' in a) {
      tally.undecided[a.undecided] = (tally.undecided[a.undecided] ?? 0) + 1;
      continue;
    }
    tally.decided++;
    if (a.decision === 'match') tally.matches++;
    if (a.score === null) tally.scores = null;
    else tally.scores?.push(a.score);
  }
  if (tally.decided === 0) tally.scores = null;
  return tally;
}
