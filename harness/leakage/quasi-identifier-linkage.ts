import type { Evidence } from '../requirements/evidence.ts';
import { type AttackOutcome, attackOutcome, type LeakageAttack } from './attack.ts';

export const QUASI_IDENTIFIER_LINKAGE: LeakageAttack = {
  id: 'leakage/quasi-identifier-linkage',
  requirement: 'DEP-QID-01',
  title: 'Re-identification of vault records by joining quasi-identifiers with the registry',
};

/** What a vault row holds besides templates; absent fields are null. */
export interface VaultRow {
  subjectId: string;
  birthDate?: string | null;
  sex?: string | null;
  psc?: string | null;
  /** Stored enrolment time, ms since the epoch, at whatever granularity the vault keeps. */
  enrolledAt?: number | null;
  /** A stored sequential key (serial id, insertion counter), if any. */
  sequence?: number | null;
}

/** A registry application: what an attacker with registry access knows, and (for scoring only) the truth. */
export interface RegistryRow {
  personId: string;
  birthDate: string;
  sex: string;
  psc: string;
  appliedAt: number;
  /** Ground truth: the subject the application enrolled. The attack never reads it. */
  subjectId: string;
}

const CATEGORICAL = ['birthDate', 'sex', 'psc'] as const;
const GRANULARITIES = [86_400_000, 3_600_000, 60_000, 1_000, 1];

/** The coarsest unit that every stored timestamp is a whole multiple of: what the vault really keeps. */
export function timestampGranularity(times: readonly number[]): number {
  return GRANULARITIES.find((g) => times.every((t) => t % g === 0)) ?? 1;
}

export interface LinkageResult {
  /** Quasi-identifiers found in every vault row and used in the join. */
  joinedOn: string[];
  granularityMs: number | null;
  /** Vault rows whose join left exactly one registry candidate, the right one. */
  reidentified: number;
  /** Of those, how many a rank join on the sequential key found. */
  reidentifiedByRank: number;
  records: number;
  outcome: AttackOutcome;
  evidence: Evidence;
}

function joinKey(row: Record<string, unknown>, fields: readonly string[]): string {
  return fields.map((f) => String(row[f])).join('|');
}

/**
 * Joins every vault row to the registry's applications on the quasi-identifiers the vault stores:
 * birth date, sex and PSC by equality, the enrolment time at the vault's own granularity (the same
 * bucket for coarse times, within `toleranceMs` for exact ones), and a stored sequence by rank
 * against application order. A record is re-identified when exactly one candidate is left and it
 * is the right person.
 */
export function quasiIdentifierLinkage(
  vault: readonly VaultRow[],
  registry: readonly RegistryRow[],
  toleranceMs = 5_000,
): LinkageResult {
  const has = (f: keyof VaultRow) =>
    vault.length > 0 && vault.every((v) => v[f] !== null && v[f] !== undefined);
  const fields = CATEGORICAL.filter((f) => has(f));
  const timed = has('enrolledAt');
  const granularity = timed ? timestampGranularity(vault.map((v) => v.enrolledAt!)) : null;
  const index = new Map<string, RegistryRow[]>();
  for (const r of registry) {
    const k = joinKey(r as unknown as Record<string, unknown>, fields);
    index.set(k, [...(index.get(k) ?? []), r]);
  }
  const matchesTime = (v: VaultRow, r: RegistryRow) => {
    if (!timed || granularity === null) return true;
    if (granularity >= 60_000)
      return Math.floor(r.appliedAt / granularity) === Math.floor(v.enrolledAt! / granularity);
    return Math.abs(r.appliedAt - v.enrolledAt!) <= Math.max(granularity, toleranceMs);
  };
  const found = new Set<string>();
  if (fields.length > 0 || timed)
    for (const v of vault) {
      const candidates = (index.get(joinKey(v as unknown as Record<string, unknown>, fields)) ?? []).filter(
        (r) => matchesTime(v, r),
      );
      if (candidates.length === 1 && candidates[0].subjectId === v.subjectId) found.add(v.subjectId);
    }
  let byRank = 0;
  if (has('sequence')) {
    const vs = [...vault].sort((a, b) => a.sequence! - b.sequence!);
    const rs = [...registry].sort((a, b) => a.appliedAt - b.appliedAt);
    vs.forEach((v, i) => {
      if (rs[i]?.subjectId === v.subjectId) {
        byRank++;
        found.add(v.subjectId);
      }
    });
  }
  const joinedOn = [
    ...fields,
    ...(timed ? [`enrolledAt (${granularity} ms)`] : []),
    ...(has('sequence') ? ['sequence (rank)'] : []),
  ];
  const outcome = attackOutcome(QUASI_IDENTIFIER_LINKAGE, found.size, vault.length);
  const evidence: Evidence = {
    test: QUASI_IDENTIFIER_LINKAGE.id,
    outcome: 'measured',
    summary:
      joinedOn.length === 0
        ? `no quasi-identifier in ${vault.length} vault records: nothing to join`
        : `${found.size} of ${vault.length} vault records re-identified by joining on ${joinedOn.join(', ')}`,
    measurements: {
      reidentifiedShare: {
        value: outcome.successRate ?? Number.NaN,
        errors: found.size,
        trials: vault.length,
      },
    },
    details: { joinedOn, granularityMs: granularity, reidentifiedByRank: byRank },
  };
  return {
    joinedOn,
    granularityMs: granularity,
    reidentified: found.size,
    reidentifiedByRank: byRank,
    records: vault.length,
    outcome,
    evidence,
  };
}
