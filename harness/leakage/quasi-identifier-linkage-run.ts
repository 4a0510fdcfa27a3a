import type { CertificationTarget } from '../targets/certification-target.ts';
import { type AttackOutcome, attackSkipped } from './attack.ts';
import type { EnrolledCanary } from './canary-campaign.ts';
import {
  type LinkageResult,
  QUASI_IDENTIFIER_LINKAGE,
  quasiIdentifierLinkage,
  type RegistryRow,
} from './quasi-identifier-linkage.ts';
import { readRegistryApplications } from './registry-applications.ts';
import type { SubjectIdentity } from './subject-identifiers.ts';
import { normaliseKey, readVaultAttributes, type VaultAttributes } from './vault-attributes.ts';

/** What the certifier itself knows of its canaries' applications: the registry's facts about them. */
function campaignApplications(
  canaries: readonly EnrolledCanary[],
  identities: readonly SubjectIdentity[],
): RegistryRow[] {
  const byIin = new Map(identities.map((i) => [i.iin, i.subjectId]));
  return canaries.flatMap((c) => {
    const subjectId = byIin.get(c.resident.iin);
    return subjectId
      ? [
          {
            personId: c.resident.iin,
            birthDate: c.resident.birthDate,
            sex: c.resident.sex,
            psc: '',
            appliedAt: c.answeredAt,
            subjectId: normaliseKey(subjectId),
          },
        ]
      : [];
  });
}

export interface LinkageRun {
  evidence: LinkageResult['evidence'];
  outcome?: AttackOutcome;
  /** The fingerprint database as read for the join (the identifier analysis uses its subject keys). */
  vault?: VaultAttributes;
}

/**
 * DEP-QID-01: the fingerprint database read as a thief would (subject key and every column holding
 * a birth date, sex, office, time or counter per subject), joined with the identity registry's
 * enrolling applications; the share of canaries whose vault record the join names uniquely and
 * rightly, the first canary standing for the attacker's own enrolment (it calibrates rank joins on a
 * counter and is not counted). Where the registry is not in the reference layout, the join uses what the certifier knows
 * of its own canaries' applications (birth date, sex, time; not the office).
 */
export async function runQuasiIdentifierLinkage(
  target: CertificationTarget,
  canaries: readonly EnrolledCanary[],
  identities: readonly SubjectIdentity[],
): Promise<LinkageRun> {
  const fdb = target.fingerprintDatabase;
  const reg = target.identityRegistry;
  if (!fdb || !reg)
    return {
      evidence: attackSkipped(
        QUASI_IDENTIFIER_LINKAGE,
        `the target gives no read access to its ${fdb ? 'identity registry' : 'fingerprint database'}`,
      ),
    };
  const fromRegistry = await readRegistryApplications(reg.db, reg.schemas);
  const applications = fromRegistry?.rows ?? campaignApplications(canaries, identities);
  const known = identities.flatMap((i) => (i.subjectId ? [i.subjectId] : []));
  const vault = await readVaultAttributes(fdb.db, fdb.schemas, known, {
    birthDates: new Set(applications.map((a) => a.birthDate)),
    offices: new Set(applications.map((a) => a.psc).filter((o) => o !== '')),
  });
  if (vault.keyColumns.length === 0)
    return {
      evidence: {
        ...attackSkipped(
          QUASI_IDENTIFIER_LINKAGE,
          `none of the ${known.length} subject identifiers the API gave appears in the fingerprint database`,
        ),
        outcome: 'error',
      },
      vault,
    };
  // The first canary plays the attacker's own enrolment: known to them, so not counted as re-identified.
  const own = identities.find((i) => i.subjectId);
  const anchor = own && { subjectId: normaliseKey(own.subjectId!), personId: own.iin };
  const targets = new Set(known.map(normaliseKey).filter((k) => k !== anchor?.subjectId));
  const r = quasiIdentifierLinkage(vault.rows, applications, { targets, anchor });
  const details = {
    ...(r.evidence.details as object),
    registry:
      fromRegistry?.source ?? "the certifier's own record of its canaries (registry layout not recognised)",
    keyColumns: vault.keyColumns,
    attributes: vault.attributes,
  };
  return { evidence: { ...r.evidence, details }, outcome: r.outcome, vault };
}
