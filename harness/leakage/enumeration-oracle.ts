import type { Random } from '../../sim/random/index.ts';
import { ksStatistic } from '../biometrics/ks-distance.ts';
import type { Evidence } from '../requirements/evidence.ts';
import type { AttackOutcome, LeakageAttack } from './attack.ts';

export const ENUMERATION_ORACLE: LeakageAttack = {
  id: 'leakage/enumeration-oracle',
  requirement: 'DEP-ORC-01',
  title: 'Enrolment revealed by status codes, bodies or timing',
};

/** One response to a request about an identifier (an IIN or a subject identifier). */
export interface ResponseSample {
  status: number;
  body: string;
  durationMs: number;
}

export interface ChannelResult {
  channel: 'status' | 'body' | 'length' | 'timing';
  /** Advantage of the best classifier on this channel: 2·(balanced accuracy) − 1, 0 = chance. */
  advantage: number;
  pValue: number;
  leaks: boolean;
}

/** A channel leaks when the difference is significant and large enough to matter. */
export const P_LIMIT = 0.001;
export const ADVANTAGE_LIMIT = 0.1;

/** Removes what varies per request anyway (ids, timestamps, long numbers), so that only meaning is compared. */
export function normaliseBody(body: string): string {
  return body
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})?/g, '<time>')
    .replace(/\d{5,}/g, '<number>');
}

/** Balanced accuracy advantage of predicting the class from a discrete feature by majority per value. */
function discreteAdvantage(a: readonly string[], b: readonly string[]): number {
  const count = (xs: readonly string[]) => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
    return m;
  };
  const ca = count(a);
  const cb = count(b);
  let tprA = 0;
  let tprB = 0;
  for (const v of new Set([...ca.keys(), ...cb.keys()])) {
    const pa = (ca.get(v) ?? 0) / a.length;
    const pb = (cb.get(v) ?? 0) / b.length;
    if (pa >= pb) tprA += pa;
    else tprB += pb;
  }
  return tprA + tprB - 1;
}

function permutationP(
  a: readonly string[],
  b: readonly string[],
  random: Random,
  permutations: number,
): number {
  const observed = discreteAdvantage(a, b);
  const all = [...a, ...b];
  let atLeast = 0;
  for (let r = 0; r < permutations; r++) {
    for (let i = all.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [all[i], all[j]] = [all[j], all[i]];
    }
    if (discreteAdvantage(all.slice(0, a.length), all.slice(a.length)) >= observed - 1e-12) atLeast++;
  }
  return (atLeast + 1) / (permutations + 1);
}

/** Two-sided p of the Mann–Whitney U test, normal approximation with tie correction. */
export function mannWhitneyP(a: readonly number[], b: readonly number[]): number {
  const all = [...a.map((v) => ({ v, g: 0 })), ...b.map((v) => ({ v, g: 1 }))].sort((x, y) => x.v - y.v);
  const n = all.length;
  let rankSumA = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && all[j + 1].v === all[i].v) j++;
    const rank = (i + j) / 2 + 1;
    const t = j - i + 1;
    tieTerm += t ** 3 - t;
    for (let k = i; k <= j; k++) if (all[k].g === 0) rankSumA += rank;
    i = j + 1;
  }
  const n1 = a.length;
  const n2 = b.length;
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (sd === 0) return 1;
  const z = Math.abs(u - (n1 * n2) / 2) / sd;
  return erfcHalf(z);
}

function erfcHalf(z: number): number {
  // 2·(1 − Φ(z)) via erfc(z/√2), Abramowitz & Stegun 7.1.26 on the complement.
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return Math.min(1, y * Math.exp(-x * x));
}

export interface EnumerationResult {
  channels: ChannelResult[];
  outcome: AttackOutcome;
  evidence: Evidence;
}

/**
 * Compares responses about enrolled and not-enrolled identifiers on four channels — status code,
 * normalised body, body length, duration — and says which would let an attacker tell them apart.
 * Timing uses Mann–Whitney (significance) and the KS distance (the best threshold's advantage).
 */
export function enumerationOracle(
  enrolled: readonly ResponseSample[],
  notEnrolled: readonly ResponseSample[],
  random: Random,
  permutations = 999,
): EnumerationResult {
  if (permutations + 1 < 1 / P_LIMIT)
    throw new RangeError(
      `${permutations} permutations cannot show p ≤ ${P_LIMIT}: use at least ${1 / P_LIMIT - 1}`,
    );
  if (enrolled.length < 10 || notEnrolled.length < 10)
    throw new RangeError('the enumeration test needs at least 10 responses of each kind');
  const discrete = (channel: ChannelResult['channel'], f: (s: ResponseSample) => string): ChannelResult => {
    const a = enrolled.map(f);
    const b = notEnrolled.map(f);
    const advantage = discreteAdvantage(a, b);
    const pValue = advantage === 0 ? 1 : permutationP(a, b, random, permutations);
    return { channel, advantage, pValue, leaks: pValue <= P_LIMIT + 1e-12 && advantage > ADVANTAGE_LIMIT };
  };
  const ta = enrolled.map((s) => s.durationMs);
  const tb = notEnrolled.map((s) => s.durationMs);
  const timingP = mannWhitneyP(ta, tb);
  const timingAdvantage = ksStatistic(ta, tb);
  const channels: ChannelResult[] = [
    discrete('status', (s) => String(s.status)),
    discrete('body', (s) => normaliseBody(s.body)),
    discrete('length', (s) => String(normaliseBody(s.body).length)),
    {
      channel: 'timing',
      advantage: timingAdvantage,
      pValue: timingP,
      leaks: timingP < P_LIMIT && timingAdvantage > ADVANTAGE_LIMIT,
    },
  ];
  const leaking = channels.filter((c) => c.leaks);
  const best = Math.max(...channels.map((c) => c.advantage));
  // Success rate: the balanced accuracy of the attacker's best channel (0.5 = a coin toss).
  const outcome: AttackOutcome = {
    attack: ENUMERATION_ORACLE.id,
    requirement: ENUMERATION_ORACLE.requirement,
    successRate: 0.5 + best / 2,
    trials: enrolled.length + notEnrolled.length,
  };
  return {
    channels,
    outcome,
    evidence: {
      test: ENUMERATION_ORACLE.id,
      outcome: 'measured',
      summary:
        leaking.length === 0
          ? `enrolled and not-enrolled identifiers indistinguishable on status, body, length and timing (${enrolled.length} + ${notEnrolled.length} responses)`
          : `enrolment revealed by ${leaking.map((c) => `${c.channel} (advantage ${c.advantage.toFixed(2)}, p ${c.pValue.toExponential(1)})`).join(', ')}`,
      measurements: {
        leakingChannels: { value: leaking.length, unit: 'channels' },
        bestAdvantage: { value: best },
      },
      details: { channels },
    },
  };
}
