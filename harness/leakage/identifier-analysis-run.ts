import type { Random } from '../../sim/random/index.ts';
import type { Evidence } from '../requirements/evidence.ts';
import { attackError } from './attack.ts';
import type { EnrolledCanary } from './canary-campaign.ts';
import {
  analyseIdentifiers,
  type EnrolledIdentifier,
  IDENTIFIER_ANALYSIS,
  identifierEvidence,
} from './identifier-analysis.ts';
import type { SubjectIdentity } from './subject-identifiers.ts';
import { normaliseKey } from './vault-attributes.ts';

/** Fewer identifiers than this cannot show an order dependence at |z| > 4, nor 122 balanced bits. */
export const MIN_IDENTIFIERS = 18;

/**
 * DEP-IID-01/02: the canaries' subject identifiers, as the identification officer obtains them,
 * against what the registry knows of each canary (IIN, birth date, sex, enrolment order and time);
 * entropy over every identifier the fingerprint database stores when it can be read.
 */
export function runIdentifierAnalysis(
  canaries: readonly EnrolledCanary[],
  identities: readonly SubjectIdentity[],
  stored: readonly string[],
  random: Random,
): Evidence {
  const byIin = new Map(identities.map((i) => [i.iin, i]));
  const ids: EnrolledIdentifier[] = [];
  for (const c of canaries) {
    const subjectId = byIin.get(c.resident.iin)?.subjectId;
    if (!subjectId) continue;
    ids.push({
      subjectId,
      order: c.order,
      enrolledAt: c.answeredAt,
      iin: c.resident.iin,
      birthDate: c.resident.birthDate,
      sex: c.resident.sex,
    });
  }
  if (ids.length < MIN_IDENTIFIERS)
    return attackError(
      IDENTIFIER_ANALYSIS,
      `only ${ids.length} of ${canaries.length} enrolled canaries could be found by identification; at least ${MIN_IDENTIFIERS} are needed`,
    );
  const a = analyseIdentifiers(ids, random, undefined, stored);
  const e = identifierEvidence(a);
  return {
    ...e,
    details: {
      ...a,
      identifiersFound: ids.length,
      confirmedByResolution: identities.filter((i) => i.confirmed).length,
      entropyOver: new Set([...ids.map((i) => i.subjectId), ...stored].map(normaliseKey)).size,
    },
  };
}
