import { describe, expect, it } from 'vitest';
import { ResidentFactory } from '../../sim/population/resident.ts';
import { stream } from '../../sim/random/index.ts';
import {
  quasiIdentifierLinkage,
  type RegistryRow,
  timestampGranularity,
  type VaultRow,
} from './quasi-identifier-linkage.ts';

const DAY = 86_400_000;
const factory = new ResidentFactory('linkage');
const random = stream('linkage', 'applications');
const PSCS = ['KZ-AST-01', 'KZ-AST-02', 'KZ-ALA-01', 'KZ-ALA-02', 'KZ-SHY-01'];
// 600 applications over three working days at five PSCs, in time order.
const registry: RegistryRow[] = Array.from({ length: 600 }, (_, k) => {
  const r = factory.resident(k);
  return {
    personId: `person-${k}`,
    birthDate: r.birthDate,
    sex: r.sex,
    psc: PSCS[random.int(PSCS.length)],
    appliedAt:
      Date.UTC(2025, 2, 3) +
      Math.floor(k / 200) * DAY +
      9 * 3_600_000 +
      (k % 200) * 140_000 +
      random.int(1000),
    subjectId: `subject-${k}`,
  };
});
const vaultOf = (f: (r: RegistryRow, k: number) => Partial<VaultRow>): VaultRow[] =>
  registry.map((r, k) => ({ subjectId: r.subjectId, ...f(r, k) }));

describe('quasi-identifier linkage', () => {
  it('re-identifies nobody in a vault with only the enrolment day', () => {
    const r = quasiIdentifierLinkage(
      vaultOf((x) => ({ enrolledAt: Math.floor(x.appliedAt / DAY) * DAY })),
      registry,
    );
    expect(r.granularityMs).toBe(DAY);
    expect(r.reidentified).toBe(0);
    expect(r.evidence.measurements?.reidentifiedShare.value).toBe(0);
  });

  it('re-identifies nearly everyone from exact timestamps a few ms after the application', () => {
    const r = quasiIdentifierLinkage(
      vaultOf((x) => ({ enrolledAt: x.appliedAt + 40 })),
      registry,
    );
    expect(r.granularityMs).toBe(1);
    expect(r.outcome.successRate).toBeGreaterThan(0.95);
  });

  it('re-identifies most people from birth date and sex, and everyone adding the PSC and the day', () => {
    const a = quasiIdentifierLinkage(
      vaultOf((x) => ({ birthDate: x.birthDate, sex: x.sex })),
      registry,
    );
    expect(a.joinedOn).toEqual(['birthDate', 'sex']);
    expect(a.outcome.successRate).toBeGreaterThan(0.8);
    const b = quasiIdentifierLinkage(
      vaultOf((x) => ({
        birthDate: x.birthDate,
        psc: x.psc,
        enrolledAt: Math.floor(x.appliedAt / DAY) * DAY,
      })),
      registry,
    );
    expect(b.outcome.successRate).toBeGreaterThan(a.outcome.successRate!);
  });

  it('re-identifies everyone from a sequential key by rank', () => {
    const r = quasiIdentifierLinkage(
      vaultOf((_, k) => ({ sequence: 1000 + k })),
      registry,
    );
    expect(r.reidentifiedByRank).toBe(600);
    expect(r.joinedOn).toEqual(['sequence (rank)']);
  });

  it('pins a rank join on one known record when records before it have no application', () => {
    // Five orphan vault records (a crash before the registry commit) are stored before everyone else.
    const orphans: VaultRow[] = Array.from({ length: 5 }, (_, k) => ({
      subjectId: `orphan-${k}`,
      sequence: 990 + k,
    }));
    const vault = [...orphans, ...vaultOf((_, k) => ({ sequence: 1000 + k }))];
    const targets = new Set(registry.slice(301).map((r) => r.subjectId));
    const blind = quasiIdentifierLinkage(vault, registry, { targets });
    expect(blind.reidentified).toBe(0);
    const anchored = quasiIdentifierLinkage(vault, registry, {
      targets,
      anchor: { subjectId: 'subject-300', personId: 'person-300' },
    });
    expect(anchored.evidence.measurements?.reidentifiedShare).toMatchObject({
      value: 1,
      errors: 299,
      trials: 299,
    });
  });

  it('reports a vault without quasi-identifiers as nothing to join', () => {
    const r = quasiIdentifierLinkage(
      vaultOf(() => ({})),
      registry,
    );
    expect(r.evidence.summary).toMatch(/nothing to join/);
    expect(r.reidentified).toBe(0);
  });

  it('detects the granularity a vault keeps', () => {
    expect(timestampGranularity([DAY * 3, DAY * 9])).toBe(DAY);
    expect(timestampGranularity([60_000 * 7, 60_000 * 61])).toBe(60_000);
    expect(timestampGranularity([1001])).toBe(1);
  });
});
