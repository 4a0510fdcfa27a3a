import type { Resident } from '../../sim/population/index.ts';
import type { CertificationContext, SuiteEvidence } from '../certify/certification-suite.ts';
import { detCurve } from './det-curve.ts';
import { countAnswers, type EnrolmentRun, runEnrolments } from './enrolment-trials.ts';
import { operatingPoints, sortedScores } from './error-rates.ts';
import { rateEvidence } from './rate-evidence.ts';
import { type BiometricSampleSizes, sampleSizes } from './sample-sizes.ts';
import { scoreHistogram } from './score-histogram.ts';
import { ordinaryApplicant, VERIFICATION_FINGERS } from './synthetic-enrolment.ts';
import {
  canVerify,
  genuineTrials,
  impostorTrials,
  runVerifications,
  type VerificationTally,
} from './verification-trials.ts';

export const BIOMETRIC_TESTS = {
  impostor: 'biometrics/verification-impostor',
  genuine: 'biometrics/verification-genuine',
  nonmated: 'biometrics/deduplication-nonmated',
  mated: 'biometrics/deduplication-mated',
  enrolment: 'biometrics/enrolment',
} as const;

const ENROLLED = 'enrolled';
const DUPLICATE = 'blocked-duplicate';

/** Count of answers of the given kinds. */
const tally = (answers: readonly string[], ...kinds: string[]) =>
  answers.filter((a) => kinds.includes(a)).length;

const undecidedTotal = (t: VerificationTally) => Object.values(t.undecided).reduce((a, n) => a + n, 0);

/**
 * Biometric performance through the target's API, at its operating threshold: first-time
 * enrolments of ordinary residents (the gallery; each a non-mated 1:N search and an FTE trial),
 * the same people's other impressions enrolled under other residents' IINs (mated searches), then
 * genuine and impostor 1:1 verifications against the gallery. Sample sizes: sample-sizes.ts.
 */
export async function measureBiometricPerformance(
  ctx: CertificationContext,
  sizes: BiometricSampleSizes = sampleSizes(ctx.quick),
): Promise<SuiteEvidence[]> {
  const ordinary = ordinaryApplicant(ctx.asOf);
  const gallery = ctx.residents.take(sizes.nonmatedEnrolments, ordinary, 'biometrics: first enrolments');
  const aliases = ctx.residents.take(sizes.matedEnrolments, ordinary, 'biometrics: double registrations');
  const run = { seed: ctx.seed, applicationDate: ctx.asOf };

  ctx.progress(`enrolling ${gallery.length} residents (non-mated 1:N searches)`);
  const nonmated = await runEnrolments(
    ctx.target,
    { ...run, purpose: 'nonmated' },
    gallery.map((r) => ({ applicant: r, fingersOf: r })),
    (n) => ctx.progress(`${n}/${gallery.length} non-mated enrolments`),
  );
  const enrolled = gallery.filter((_, i) => nonmated.answers[i] === ENROLLED);

  const sources = enrolled.slice(0, aliases.length);
  ctx.progress(`${sources.length} double registrations under other IINs (mated 1:N searches)`);
  const mated = await runEnrolments(
    ctx.target,
    { ...run, purpose: 'mated' },
    sources.map((src, i) => ({ applicant: aliases[i], fingersOf: src })),
    (n) => ctx.progress(`${n}/${sources.length} mated enrolments`),
  );

  const verification = await verify(ctx, enrolled, sizes);
  return [
    ...verificationEvidence(ctx, verification, sizes),
    nonmatedEvidence(nonmated, sizes),
    matedEvidence(mated, sources.length, sizes),
    enrolmentEvidence(nonmated, mated, sizes),
  ];
}

async function verify(
  ctx: CertificationContext,
  enrolled: readonly Resident[],
  sizes: BiometricSampleSizes,
): Promise<{ genuine: VerificationTally | string; impostor: VerificationTally | string }> {
  if (!canVerify(ctx.target)) {
    const why = 'the target config gives no token for a role that may verify 1:1';
    return { genuine: why, impostor: why };
  }
  const genuineSet = genuineTrials(enrolled, Math.min(sizes.genuineVerifications, enrolled.length));
  ctx.progress(`${genuineSet.length} genuine verifications`);
  const genuine = await runVerifications(ctx.target, ctx.seed, genuineSet, (n) =>
    ctx.progress(`${n}/${genuineSet.length} genuine verifications`),
  );
  const maxPairs = enrolled.length * (enrolled.length - 1);
  const impostorSet = impostorTrials(
    enrolled,
    Math.min(sizes.impostorVerifications, Math.floor(maxPairs / 2)),
    ctx.random('biometrics', 'impostor-pairs'),
  );
  ctx.progress(`${impostorSet.length} impostor verifications`);
  const impostor = await runVerifications(ctx.target, ctx.seed, impostorSet, (n) =>
    ctx.progress(`${n}/${impostorSet.length} impostor verifications`),
  );
  return { genuine, impostor };
}

/** Every answer was a refusal of the role's token: the lab's credentials are wrong, not the matcher. */
function refusedAll(t: VerificationTally): boolean {
  const keys = Object.keys(t.undecided);
  return t.decided === 0 && keys.length > 0 && keys.every((k) => k.startsWith('401') || k.startsWith('403'));
}

function verificationEvidence(
  ctx: CertificationContext,
  v: { genuine: VerificationTally | string; impostor: VerificationTally | string },
  sizes: BiometricSampleSizes,
): SuiteEvidence[] {
  const { genuine, impostor } = v;
  const common = {
    fingersPerTransaction: VERIFICATION_FINGERS,
    operatingThreshold: "the target's own (decisions only)",
    sampleSizes: sizes.rationale,
  };
  const out: SuiteEvidence[] = [];
  if (typeof genuine === 'string' || refusedAll(genuine))
    out.push(unusableVerification(BIOMETRIC_TESTS.genuine, genuine));
  else
    out.push(
      rateEvidence({
        test: BIOMETRIC_TESTS.genuine,
        rate: 'fnmr',
        // An answer without a decision turned a legitimate resident away too.
        errors: genuine.decided - genuine.matches + undecidedTotal(genuine),
        trials: genuine.decided + undecidedTotal(genuine),
        describes: `a trial is one enrolled resident verified with another impression of ${VERIFICATION_FINGERS} fingers; an error is a no-match or an answer without a decision`,
        details: { ...common, undecided: genuine.undecided },
        volatile: { genuineVerificationsPerSecond: round(genuine.perSecond) },
      }),
    );
  if (typeof impostor === 'string' || refusedAll(impostor))
    out.push(unusableVerification(BIOMETRIC_TESTS.impostor, impostor));
  else
    out.push(
      rateEvidence({
        test: BIOMETRIC_TESTS.impostor,
        rate: 'fmr',
        errors: impostor.matches,
        trials: impostor.decided,
        describes: `a trial is one enrolled resident's ${VERIFICATION_FINGERS} fingers presented with another enrolled resident's IIN (pairs drawn from the seed, each once); an error is a match`,
        details: { ...common, undecidedNotCounted: impostor.undecided },
        volatile: { impostorVerificationsPerSecond: round(impostor.perSecond) },
      }),
    );
  if (typeof genuine !== 'string' && typeof impostor !== 'string') scoreFigures(ctx, genuine, impostor, out);
  return out;
}

/**
 * A DET curve and score histogram need scores; a target that answers decisions only (as the
 * contract requires) gives none, and the evidence says so rather than drawing anything.
 */
function scoreFigures(
  ctx: CertificationContext,
  genuine: VerificationTally,
  impostor: VerificationTally,
  evidence: SuiteEvidence[],
): void {
  const exposed = genuine.scores !== null && impostor.scores !== null;
  for (const e of evidence)
    e.details = {
      ...(e.details as object),
      scores: exposed
        ? 'the target exposed a score with every decision: DET curve and histogram drawn from them'
        : 'decisions only: no score, so no DET curve or score histogram',
    };
  if (!exposed || !genuine.scores || !impostor.scores) return;
  ctx.figures.scoreHistogram(scoreHistogram(genuine.scores, impostor.scores));
  const points = operatingPoints(sortedScores(genuine.scores), sortedScores(impostor.scores));
  ctx.figures.det(detCurve("target's verification scores", points));
}

function unusableVerification(test: string, why: VerificationTally | string): SuiteEvidence {
  const reason =
    typeof why === 'string'
      ? why
      : `the target refused every verifying role's token (${Object.keys(why.undecided).join(', ')})`;
  return {
    test,
    outcome: typeof why === 'string' ? 'skipped' : 'error',
    summary: '1:1 verification not measured',
    reason,
  };
}

function nonmatedEvidence(run: EnrolmentRun, sizes: BiometricSampleSizes): SuiteEvidence {
  return rateEvidence({
    test: BIOMETRIC_TESTS.nonmated,
    rate: 'fpir',
    errors: tally(run.answers, DUPLICATE),
    trials: tally(run.answers, ENROLLED, DUPLICATE),
    describes:
      'a trial is the first enrolment of a resident nobody else has enrolled (a non-mated 1:N search of the gallery so far); an error is a block as a suspected duplicate',
    details: { answers: countAnswers(run.answers), sampleSizes: sizes.rationale },
    volatile: { enrolmentsPerSecond: round(run.perSecond) },
  });
}

function matedEvidence(run: EnrolmentRun, sources: number, sizes: BiometricSampleSizes): SuiteEvidence {
  return rateEvidence({
    test: BIOMETRIC_TESTS.mated,
    rate: 'fnir',
    errors: tally(run.answers, ENROLLED),
    trials: tally(run.answers, ENROLLED, DUPLICATE),
    describes:
      'a trial is an enrolled resident enrolling again with another impression under another resident’s IIN; an error is an enrolment that goes through',
    details: { answers: countAnswers(run.answers), enrolledSources: sources, sampleSizes: sizes.rationale },
    volatile: { matedEnrolmentsPerSecond: round(run.perSecond) },
  });
}

function enrolmentEvidence(nonmated: EnrolmentRun, mated: EnrolmentRun, sizes: BiometricSampleSizes) {
  const answers = [...nonmated.answers, ...mated.answers];
  return rateEvidence({
    test: BIOMETRIC_TESTS.enrolment,
    rate: 'fte',
    errors: answers.length - tally(answers, ENROLLED, DUPLICATE),
    trials: answers.length,
    describes:
      'a trial is an enrolment of an ordinary adult resident (template-only synthetic prints of every available finger); an error is any ending other than enrolled or a duplicate found',
    details: { answers: countAnswers(answers), sampleSizes: sizes.rationale },
  });
}

const round = (v: number) => Math.round(v * 10) / 10;
