import type { Random } from '../../sim/random/index.ts';
import { ROLES, type Role } from '../../sim/reference/types.ts';
import type { SuiteEvidence } from '../certify/certification-suite.ts';
import { contractOperation } from '../contract/reference-api.ts';
import type { Evidence } from '../requirements/evidence.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import { type ApiResponse, ReferenceApiClient } from '../targets/reference-api-client.ts';
import type { FingerprintBody } from '../targets/reference-api-types.ts';
import type { AttackOutcome } from './attack.ts';
import {
  type ChannelResult,
  ENUMERATION_ORACLE,
  enumerationOracle,
  type ResponseSample,
} from './enumeration-oracle.ts';

export interface EnumerationPlan {
  /** IINs whose holders are enrolled, and valid IINs of people never enrolled. */
  enrolledIins: readonly string[];
  strangerIins: readonly string[];
  /** Subject identifiers the target stores, and well-formed ones it does not. */
  enrolledSubjects: readonly string[];
  unknownSubjects: readonly string[];
  /** Prints that match nobody: the attacker has no one's real prints. */
  probe: FingerprintBody[];
  random: Random;
}

/** Identifiers asked about per class and sample: the oracle test needs at least 10. */
export const PER_CLASS = 12;
const PURPOSE = 'certification: enumeration probe';

interface Caller {
  name: string;
  client: ReferenceApiClient;
}

interface ProbeSet {
  operation: 'verify' | 'lookupResident' | 'resolveSubject';
  caller: Caller;
  enrolled: readonly string[];
  notEnrolled: readonly string[];
}

/** A token whose signature no longer verifies: what a forged or foreign token looks like to the target. */
export function tampered(token: string): string {
  const last = token.at(-2) === 'A' ? 'B' : 'A';
  return `${token.slice(0, -2)}${last}${token.at(-1)}`;
}

function allowedRoles(operationId: string): Role[] {
  const security = (contractOperation(operationId).operation.security ?? []) as Record<string, string[]>[];
  return security.flatMap((s) => Object.values(s).flat()) as Role[];
}

/**
 * Callers not entitled to an operation's answer: no token, a token whose signature fails, and a
 * role the contract does not give the operation (when the target has a token for one).
 */
function callersOf(target: CertificationTarget, operationId: string): Caller[] {
  const raw = (token?: string) =>
    new ReferenceApiClient({ transport: target.transport, token, validate: false });
  const out: Caller[] = [{ name: 'no token', client: raw() }];
  const allowed = allowedRoles(operationId);
  const anyToken = ROLES.map((r) => target.token(r)).find((t) => t !== undefined);
  if (anyToken) out.push({ name: 'a token with a bad signature', client: raw(tampered(anyToken)) });
  const outsider = ROLES.find((r) => !allowed.includes(r) && target.token(r) !== undefined);
  if (outsider) out.push({ name: `role ${outsider}`, client: raw(target.token(outsider)) });
  return out;
}

function ask(set: ProbeSet, id: string, probe: FingerprintBody[]): Promise<ApiResponse<unknown>> {
  const c = set.caller.client;
  if (set.operation === 'verify') return c.verify({ iin: id, fingerprints: probe });
  if (set.operation === 'lookupResident') return c.lookupResident(id);
  return c.resolveSubject({ subjectId: id, purpose: PURPOSE, caseReference: 'CERT-ENUM-1' });
}

/** One pass over both lists, alternating, in the given direction (so drift falls on both classes alike). */
async function sample(set: ProbeSet, probe: FingerprintBody[], reverse: boolean) {
  const enrolled: ResponseSample[] = [];
  const notEnrolled: ResponseSample[] = [];
  const n = Math.min(set.enrolled.length, set.notEnrolled.length);
  for (let k = 0; k < n; k++) {
    const i = reverse ? n - 1 - k : k;
    const pair: [string, ResponseSample[]][] = [
      [set.enrolled[i], enrolled],
      [set.notEnrolled[i], notEnrolled],
    ];
    if (reverse) pair.reverse();
    for (const [id, into] of pair) {
      const started = performance.now();
      const res = await ask(set, id, probe);
      into.push({ status: res.status, body: res.raw, durationMs: performance.now() - started });
    }
  }
  return { enrolled, notEnrolled };
}

interface SetResult {
  set: ProbeSet;
  discrete: ChannelResult[];
  timing: [ChannelResult, ChannelResult];
  statuses: number[];
  leaking: ChannelResult[];
}

/**
 * Status, body and length decide from one sample (they do not vary run to run); timing, which
 * does, counts only when a second, independent sample confirms it.
 */
async function probeSet(set: ProbeSet, plan: EnumerationPlan): Promise<SetResult> {
  const first = await sample(set, plan.probe, false);
  const second = await sample(set, plan.probe, true);
  const a = enumerationOracle(first.enrolled, first.notEnrolled, plan.random);
  const b = enumerationOracle(second.enrolled, second.notEnrolled, plan.random);
  const discrete = a.channels.filter((c) => c.channel !== 'timing');
  const timing: [ChannelResult, ChannelResult] = [
    a.channels.find((c) => c.channel === 'timing')!,
    b.channels.find((c) => c.channel === 'timing')!,
  ];
  const confirmed = timing[0].leaks && timing[1].leaks;
  return {
    set,
    discrete,
    timing,
    statuses: [...new Set([...first.enrolled, ...first.notEnrolled].map((s) => s.status))].sort(),
    leaking: [...discrete.filter((c) => c.leaks), ...(confirmed ? [timing[0]] : [])],
  };
}

function describe(r: SetResult, c: ChannelResult): string {
  return `${r.set.operation} as ${r.set.caller.name}: ${c.channel} (advantage ${c.advantage.toFixed(2)}, p ${c.pValue.toExponential(1)})`;
}

function probeSets(target: CertificationTarget, plan: EnumerationPlan): ProbeSet[] {
  const ids = {
    verify: [plan.enrolledIins, plan.strangerIins],
    lookupResident: [plan.enrolledIins, plan.strangerIins],
    resolveSubject: [plan.enrolledSubjects, plan.unknownSubjects],
  } as const;
  return (Object.keys(ids) as (keyof typeof ids)[]).flatMap((operation) =>
    callersOf(target, operation).map((caller) => ({
      operation,
      caller,
      enrolled: ids[operation][0].slice(0, PER_CLASS),
      notEnrolled: ids[operation][1].slice(0, PER_CLASS),
    })),
  );
}

/**
 * DEP-ORC-01: every operation that takes an IIN or a subject identifier (verification, resident
 * lookup, subject resolution), asked about enrolled and not-enrolled identifiers by each caller not
 * entitled to the answer — no token, a token with a bad signature, a role without the operation.
 * The documented `not-enrolled` answer to a role entitled to verify is not probed (see the requirement).
 */
export async function runEnumerationOracle(
  target: CertificationTarget,
  plan: EnumerationPlan,
): Promise<{ evidence: SuiteEvidence; outcome: AttackOutcome }> {
  const results: SetResult[] = [];
  for (const set of probeSets(target, plan))
    if (set.enrolled.length >= 10) results.push(await probeSet(set, plan));
  if (results.length === 0) throw new Error('fewer than 10 enrolled identifiers to ask about');
  const leaking = results.flatMap((r) => r.leaking.map((c) => ({ r, c })));
  const best = Math.max(
    0,
    ...leaking.map(({ c }) => c.advantage),
    ...results.flatMap((r) => r.discrete.map((c) => c.advantage)),
  );
  const trials = results.reduce((s, r) => s + r.set.enrolled.length * 2, 0);
  const evidence: Evidence = {
    test: ENUMERATION_ORACLE.id,
    outcome: 'measured',
    summary:
      leaking.length === 0
        ? `${results.length} probe sets (${[...new Set(results.map((r) => r.set.operation))].join(', ')} × callers not entitled): enrolled and not-enrolled identifiers indistinguishable on status, body, length and confirmed timing`
        : `enrolment revealed to callers not entitled to it by ${leaking.map(({ r, c }) => describe(r, c)).join('; ')}`,
    measurements: {
      leakingChannels: { value: leaking.length, unit: 'channels' },
      bestAdvantage: { value: best },
    },
    details: results.map((r) => ({
      operation: r.set.operation,
      caller: r.set.caller.name,
      statuses: r.statuses,
      channels: r.discrete,
      timingConfirmed: r.timing[0].leaks && r.timing[1].leaks,
    })),
  };
  const volatile: Record<string, number> = {};
  for (const [i, r] of results.entries())
    r.timing.forEach((t, s) => {
      volatile[`timingAdvantage${i}.${s}`] = t.advantage;
      volatile[`timingP${i}.${s}`] = t.pValue;
    });
  return {
    evidence: { ...evidence, volatile },
    outcome: {
      attack: ENUMERATION_ORACLE.id,
      requirement: ENUMERATION_ORACLE.requirement,
      successRate: 0.5 + best / 2,
      trials,
    },
  };
}
