import { decodeIsoTemplate } from '../../../sim/matcher/iso19794-2.ts';
import type { Random } from '../../../sim/random/index.ts';
import { subjectIdFrom } from '../../../sim/vault/subject-id.ts';
import { type AttackOutcome, attackError, attackSkipped, type LeakageAttack } from '../../leakage/attack.ts';
import {
  type CanaryCampaign,
  canaryCount,
  enrolmentRequest,
  isPlainAdult,
  runCanaryCampaign,
} from '../../leakage/canary-campaign.ts';
import { runCanaryDump } from '../../leakage/canary-dump-run.ts';
import { CANARY_DUMP, CANARY_STORAGE, CANARY_TEXT } from '../../leakage/canary-leakage.ts';
import { runCanaryStorage, type StorageRun } from '../../leakage/canary-storage-run.ts';
import { runCanaryText } from '../../leakage/canary-text-run.ts';
import { runCrossDatabaseLinkability } from '../../leakage/cross-database-linkability-run.ts';
import { ENUMERATION_ORACLE } from '../../leakage/enumeration-oracle.ts';
import { PER_CLASS, runEnumerationOracle } from '../../leakage/enumeration-oracle-run.ts';
import { HILL_CLIMBING } from '../../leakage/hill-climbing.ts';
import { runHillClimbing } from '../../leakage/hill-climbing-run.ts';
import { IDENTIFIER_ANALYSIS, IDENTIFIER_CROSS_DEPLOYMENT } from '../../leakage/identifier-analysis.ts';
import { runIdentifierAnalysis } from '../../leakage/identifier-analysis-run.ts';
import { runIdentifierCrossDeployment } from '../../leakage/identifier-cross-deployment-run.ts';
import { IIN_HASH_REVERSAL } from '../../leakage/iin-hash-reversal.ts';
import { runIinHashReversal } from '../../leakage/iin-hash-reversal-run.ts';
import { CROSS_DATABASE_LINKABILITY } from '../../leakage/linkability.ts';
import { QUASI_IDENTIFIER_LINKAGE } from '../../leakage/quasi-identifier-linkage.ts';
import { type LinkageRun, runQuasiIdentifierLinkage } from '../../leakage/quasi-identifier-linkage-run.ts';
import {
  crossDeploymentCount,
  runSecondDeploymentCampaign,
} from '../../leakage/second-deployment-campaign.ts';
import { identifySubjects, type SubjectIdentity } from '../../leakage/subject-identifiers.ts';
import type { CertificationContext, CertificationSuite, SuiteEvidence } from '../certification-suite.ts';
import { suiteFailedToRun } from '../certification-suite.ts';

const ATTACKS: readonly LeakageAttack[] = [
  CANARY_STORAGE,
  CANARY_TEXT,
  CANARY_DUMP,
  IIN_HASH_REVERSAL,
  IDENTIFIER_ANALYSIS,
  IDENTIFIER_CROSS_DEPLOYMENT,
  QUASI_IDENTIFIER_LINKAGE,
  CROSS_DATABASE_LINKABILITY,
  ENUMERATION_ORACLE,
  HILL_CLIMBING,
];

/** Canaries whose birth dates the hash reversal enumerates (about 20,000 IINs × 3 digests each). */
const REVERSED_CANARIES = { quick: 8, full: 24 };
/** Hill-climbing: targets climbed towards, and queries each may cost. */
const CLIMB = { quick: { targets: 2, budget: 1_200 }, full: { targets: 4, budget: 3_000 } };

/** Runs one attack; a throw becomes its error evidence, an outcome goes to the report's attack chart. */
async function attack<T extends { evidence: SuiteEvidence; outcome?: AttackOutcome }>(
  ctx: CertificationContext,
  a: LeakageAttack,
  out: SuiteEvidence[],
  run: () => Promise<T> | T,
): Promise<T | null> {
  ctx.progress(`leakage: ${a.title}`);
  try {
    const r = await run();
    out.push(r.evidence);
    if (r.outcome) ctx.figures.attack(r.outcome);
    return r;
  } catch (e) {
    out.push(attackError(a, (e as Error).message));
    return null;
  }
}

async function storageAttacks(
  ctx: CertificationContext,
  campaign: CanaryCampaign,
  identities: SubjectIdentity[],
  out: SuiteEvidence[],
): Promise<LinkageRun | null> {
  const { target } = ctx;
  const canaries = campaign.enrolled.map((c) => c.canary);
  const storage: StorageRun | null = await attack(ctx, CANARY_STORAGE, out, () =>
    runCanaryStorage(target, canaries),
  );
  await attack(ctx, CANARY_DUMP, out, () => runCanaryDump(target, canaries));
  await attack(ctx, IIN_HASH_REVERSAL, out, () =>
    runIinHashReversal(
      storage?.digestCells ?? null,
      canaries.slice(0, ctx.quick ? REVERSED_CANARIES.quick : REVERSED_CANARIES.full),
    ),
  );
  const linkage = await attack(ctx, QUASI_IDENTIFIER_LINKAGE, out, () =>
    runQuasiIdentifierLinkage(target, campaign.enrolled, identities),
  );
  await attack(ctx, IDENTIFIER_ANALYSIS, out, () => ({
    evidence: runIdentifierAnalysis(
      campaign.enrolled,
      identities,
      linkage?.vault?.rows.map((r) => r.subjectId) ?? [],
      ctx.random('leakage', 'identifier-permutations'),
    ),
  }));
  return linkage;
}

async function crossDeploymentAttacks(
  ctx: CertificationContext,
  campaign: CanaryCampaign,
  identities: SubjectIdentity[],
  out: SuiteEvidence[],
): Promise<void> {
  const second = ctx.target.secondDeployment;
  if (!second) {
    const why = 'the target offers no second deployment';
    out.push(attackSkipped(IDENTIFIER_CROSS_DEPLOYMENT, why), attackSkipped(CROSS_DATABASE_LINKABILITY, why));
    return;
  }
  ctx.progress('leakage: enrolling the same canaries in the second deployment');
  let both: Awaited<ReturnType<typeof runSecondDeploymentCampaign>>;
  try {
    both = await runSecondDeploymentCampaign(
      second,
      ctx.seed,
      campaign.enrolled,
      identities,
      crossDeploymentCount(ctx.quick),
    );
  } catch (e) {
    const why = `enrolment in the second deployment failed: ${(e as Error).message}`;
    out.push(attackError(IDENTIFIER_CROSS_DEPLOYMENT, why), attackError(CROSS_DATABASE_LINKABILITY, why));
    return;
  }
  await attack(ctx, IDENTIFIER_CROSS_DEPLOYMENT, out, () => ({
    evidence: runIdentifierCrossDeployment(both),
  }));
  await attack(ctx, CROSS_DATABASE_LINKABILITY, out, () => runCrossDatabaseLinkability(ctx.target, both));
}

/** Well-formed subject identifiers (UUIDv4) drawn from the run's stream: almost surely stored nowhere. */
function unknownSubjects(random: Random, n: number): string[] {
  return Array.from({ length: n }, () =>
    subjectIdFrom((k) => Uint8Array.from({ length: k }, () => random.int(256))),
  );
}

async function responseAttacks(
  ctx: CertificationContext,
  campaign: CanaryCampaign,
  identities: SubjectIdentity[],
  out: SuiteEvidence[],
): Promise<void> {
  const enrolled = campaign.enrolled.map((c) => c.resident.iin);
  const strangers = ctx.residents.take(
    Math.min(enrolled.length, PER_CLASS),
    (r) => isPlainAdult(r, ctx.asOf),
    'leakage enumeration (never enrolled)',
  );
  const probe = enrolmentRequest(strangers[0], ctx.seed, ctx.asOf).fingerprints.slice(0, 1);
  await attack(ctx, ENUMERATION_ORACLE, out, () =>
    runEnumerationOracle(ctx.target, {
      enrolledIins: enrolled,
      strangerIins: strangers.map((r) => r.iin),
      enrolledSubjects: identities.flatMap((i) => (i.subjectId ? [i.subjectId] : [])),
      unknownSubjects: unknownSubjects(ctx.random('leakage', 'unknown-subjects'), PER_CLASS),
      probe,
      random: ctx.random('leakage', 'enumeration-permutations'),
    }),
  );
  const climb = ctx.quick ? CLIMB.quick : CLIMB.full;
  const like = decodeIsoTemplate(Buffer.from(probe[0].data, 'base64'));
  await attack(ctx, HILL_CLIMBING, out, () =>
    runHillClimbing(ctx.target, {
      targets: enrolled.slice(0, climb.targets),
      like: { width: like.width, height: like.height, ppi: like.ppi },
      budget: climb.budget,
      random: ctx.random('leakage', 'hill-climbing'),
    }),
  );
}

/**
 * The depersonalization-leakage attacks of issue 8 against one target, sharing one canary campaign:
 * canaries enrolled through the PSC operator role are searched in storage, its dump, logs, metrics,
 * error bodies and headers; their IINs' hashes are reversed; their subject identifiers (found by
 * identification) are analysed and compared with a second deployment's; the vault is joined with the
 * registry; verification is probed as a membership oracle and climbed on any score it exposes.
 */
export const LEAKAGE_SUITE: CertificationSuite = {
  id: 'leakage',
  title: 'Depersonalization leakage',
  produces: ATTACKS.map((a) => a.id),
  requires: ['api'],
  async run(ctx) {
    const out: SuiteEvidence[] = [];
    let campaign: CanaryCampaign;
    let identities: SubjectIdentity[];
    try {
      ctx.progress('leakage: enrolling canaries');
      campaign = await runCanaryCampaign(ctx, ctx.target, canaryCount(ctx.quick));
      if (campaign.enrolled.length === 0)
        throw new Error(
          `none of ${campaign.all.length} canaries was enrolled (HTTP ${[...new Set(campaign.all.map((c) => c.httpStatus))].join(', ')}, status ${[...new Set(campaign.all.map((c) => c.status))].join(', ')})`,
        );
      ctx.progress('leakage: finding the canaries’ subject identifiers');
      identities = await identifySubjects(
        ctx.target,
        campaign.enrolled.map((c) => ({ iin: c.resident.iin, request: c.request })),
        'CERT-LEAKAGE-1',
      );
    } catch (e) {
      return suiteFailedToRun(LEAKAGE_SUITE, 'error', `the canary campaign failed: ${(e as Error).message}`);
    }
    await storageAttacks(ctx, campaign, identities, out);
    await crossDeploymentAttacks(ctx, campaign, identities, out);
    await responseAttacks(ctx, campaign, identities, out);
    await attack(ctx, CANARY_TEXT, out, () =>
      runCanaryText(
        ctx.target,
        campaign.enrolled.map((c) => c.canary),
        campaign.exchanges,
      ),
    );
    return order(out);
  },
};

/** Evidence in the order the suite declares its tests, whatever order the attacks ran in. */
function order(out: SuiteEvidence[]): SuiteEvidence[] {
  return ATTACKS.flatMap((a) => out.filter((e) => e.test === a.id));
}

export const LEAKAGE_SUITES: readonly CertificationSuite[] = [LEAKAGE_SUITE];
