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

export interface LinkageOptions {
  /** How far apart an exact vault time and its application's time may be (default 5 s). */
  toleranceMs?: number;
  /**
   * The records the success rate is measured on (the certifier's canaries, whose truth it knows);
   * default every vault row. The join itself always runs over the whole vault, so that ranks are
   * ranks among everyone stored.
   */
  targets?: ReadonlySet<string>;
  /** A record whose person the attacker knows (not among the targets): it calibrates a rank join. */
  anchor?: { subjectId: string; personId: string };
}

/**
 * Joins every vault row to the registry's applications on the quasi-identifiers the vault stores:
 * birth date, sex and PSC by equality, the enrolment time at the vault's own granularity (the same
 * bucket for coarse times; for exact ones, the application nearest in time within `toleranceMs`,
 * when no other is as near), and a stored sequence by rank against application order. A record is
 * re-identified when exactly one candidate is left and it is the right person.
 */
export function quasiIdentifierLinkage(
  vault: readonly VaultRow[],
  registry: readonly RegistryRow[],
  options: LinkageOptions | number = {},
): LinkageResult {
  const o = typeof options === 'number' ? { toleranceMs: options } : options;
  const toleranceMs = o.toleranceMs ?? 5_000;
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
  const byTime = (v: VaultRow, rows: RegistryRow[]): RegistryRow[] => {
    if (!timed || granularity === null) return rows;
    if (granularity >= 60_000)
      return rows.filter(
        (r) => Math.floor(r.appliedAt / granularity) === Math.floor(v.enrolledAt! / granularity),
      );
    // An exact time: the attacker takes the nearest application, unless another is as near.
    const near = rows
      .map((r) => ({ r, d: Math.abs(r.appliedAt - v.enrolledAt!) }))
      .filter((x) => x.d <= Math.max(granularity, toleranceMs))
      .sort((a, b) => a.d - b.d);
    return near.length > 1 && near[1].d === near[0].d
      ? near.map((x) => x.r)
      : near.slice(0, 1).map((x) => x.r);
  };
  const found = new Set<string>();
  if (fields.length > 0 || timed)
    for (const v of vault) {
      const candidates = byTime(v, index.get(joinKey(v as unknown as Record<string, unknown>, fields)) ?? []);
      if (candidates.length === 1 && candidates[0].subjectId === v.subjectId) found.add(v.subjectId);
    }
  let byRank = 0;
  if (has('sequence')) {
    const vs = [...vault].sort((a, b) => a.sequence! - b.sequence!);
    const rs = [...registry].sort((a, b) => a.appliedAt - b.appliedAt);
    // One record the attacker knows (their own enrolment) pins the ranks against each other, so that
    // records stored without an application, or applications stored out of time order, before it do not shift the rest.
    const a = o.anchor;
    const offset = a
      ? vs.findIndex((v) => v.subjectId === a.subjectId) - rs.findIndex((r) => r.personId === a.personId)
      : 0;
    vs.forEach((v, i) => {
      if (rs[i - offset]?.subjectId === v.subjectId) {
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
  const scored = o.targets ? vault.filter((v) => o.targets!.has(v.subjectId)) : vault;
  const hits = scored.filter((v) => found.has(v.subjectId)).length;
  const outcome = attackOutcome(QUASI_IDENTIFIER_LINKAGE, hits, scored.length);
  const evidence: Evidence = {
    test: QUASI_IDENTIFIER_LINKAGE.id,
    outcome: 'measured',
    summary:
      joinedOn.length === 0
        ? `no quasi-identifier in ${vault.length} vault records: nothing to join`
        : `${hits} of ${scored.length} vault records re-identified by joining ${vault.length} records with ${registry.length} applications on ${joinedOn.join(', ')}`,
    measurements: {
      reidentifiedShare: {
        value: outcome.successRate ?? Number.NaN,
        errors: hits,
        trials: scored.length,
      },
    },
    details: { joinedOn, granularityMs: granularity, reidentifiedByRank: byRank, vaultRecords: vault.length },
  };
  return {
    joinedOn,
    granularityMs: granularity,
    reidentified: hits,
    reidentifiedByRank: byRank,
    records: scored.length,
    outcome,
    evidence,
  };
}
