import type { Evidence } from '../requirements/evidence.ts';
import { attackError } from './attack.ts';
import {
  compareDeployments,
  crossDeploymentEvidence,
  IDENTIFIER_CROSS_DEPLOYMENT,
} from './identifier-analysis.ts';
import type { SecondDeploymentCampaign } from './second-deployment-campaign.ts';

/** Pairs of identifiers below this cannot show bit agreement beyond chance. */
const MIN_PAIRS = 8;

/** DEP-IID-03: the same people's identifiers in two deployments: never equal, never correlated. */
export function runIdentifierCrossDeployment(c: SecondDeploymentCampaign): Evidence {
  const pairs: [string, string][] = [];
  for (const [i, a] of c.first.entries()) {
    const b = c.other[i];
    if (a.subjectId && b?.subjectId) pairs.push([a.subjectId, b.subjectId]);
  }
  if (pairs.length < MIN_PAIRS)
    return attackError(
      IDENTIFIER_CROSS_DEPLOYMENT,
      `only ${pairs.length} people could be found by identification in both deployments; at least ${MIN_PAIRS} are needed`,
    );
  return crossDeploymentEvidence(compareDeployments(pairs));
}
