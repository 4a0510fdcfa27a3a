import type { Application } from '../enrollment/application.ts';
import type { Decision, Outcome } from '../enrollment/decision.ts';
import { decide } from '../enrollment/policy.ts';
import { idempotency, requestHash } from '../registry/idempotency.ts';
import { registry, type SubjectLink } from '../registry/registry-store.ts';
import { iinHashSubjectId, sequentialSubjectId, subjectIdFrom } from '../vault/subject-id.ts';
import { DomainError } from './domain-error.ts';
import { SimulatedCrash } from './faults.ts';
import { type CapturedFinger, captureFingers } from './fingerprint-input.ts';
import { rollBackIntent } from './intent-rollback.ts';
import type { PlantedFlaw } from './planted-flaws.ts';
import { audit, auditRecord, external, type ReferenceContext } from './reference-context.ts';
import { REFERENCE_TUNING } from './reference-tuning.ts';
import { validateEnrolRequest } from './request-validation.ts';
import type { Actor, EnrolOutcome, EnrolRequest, EnrolStatus, IssuedDocument } from './types.ts';

const STATUS: Record<Outcome, EnrolStatus> = {
  'not-covered': 'not-covered',
  'exempt-age': 'exempt',
  'exempt-no-patterns': 'exempt',
  'voluntary-declined': 'voluntary-declined',
  postponed: 'postponed',
  refused: 'refused',
  enrol: 'enrolled',
  verify: 'verified-existing',
};

/** The attempt was rolled back by recovery before its commit point; the client retries with its key. */
export class EnrolmentInterrupted extends Error {
  override name = 'EnrolmentInterrupted';
  constructor() {
    super(
      'the enrolment was interrupted by a restart before it was committed: retry with the same idempotency key',
    );
  }
}

/** Fingers that must agree for a decision: two, or every finger when fewer were compared. */
export function fingersNeeded(compared: number): number {
  return Math.max(1, Math.min(REFERENCE_TUNING.agreeingFingers, compared));
}

function meanQuality(fingers: readonly { quality: number }[]): number {
  return fingers.length ? fingers.reduce((a, f) => a + f.quality, 0) / fingers.length : 0;
}

function application(
  r: EnrolRequest,
  link: SubjectLink | null,
  flaws: ReadonlySet<PlantedFlaw>,
): Application {
  return {
    applicationDate: r.applicationDate,
    channel: r.channel.kind,
    document: r.document,
    trigger: r.trigger,
    applicant: {
      birthDate: r.applicant.birthDate,
      status: r.applicant.status,
      missingFingers: r.missingFingers,
      handInjury: r.handInjury,
    },
    // PLANTED FLAW no-consent-12-16: consent taken as given "because the form has the checkbox".
    guardianConsent: flaws.has('no-consent-12-16') ? true : r.guardianConsent,
    refuses: r.refuses,
    existingEnrolment: link ? { quality: link.quality } : null,
  };
}

/** What the enrolment decided to write, gathered before any write happens. */
interface Plan {
  status: EnrolStatus;
  decision: Decision;
  fingers: CapturedFinger[];
  /** A capture generation to write to the vault (new subject, or a re-capture of the same one). */
  vault?: { subjectId: string; generation: number; quality: 'good' | 'poor' };
  issueDocument: boolean;
  refusal?: boolean;
  duplicateOf?: { subjectId: string; agreeing: number };
}

function checkCoverage(r: EnrolRequest, d: Decision): void {
  const given = new Set(r.fingerprints.map((f) => f.position));
  const missing = d.fingersToCapture.filter((p) => !given.has(p));
  if (given.size === 0)
    throw new DomainError('no-fingerprints', 'capture is required but no finger was given');
  if (missing.length > 0)
    throw new DomainError(
      'invalid-request',
      `fingers ${missing.join(', ')} were neither captured nor declared missing with a reason`,
    );
}

/** A new subject's identifier: random (the clean reference), or as a planted flaw makes it. */
async function newSubjectId(ctx: ReferenceContext, r: EnrolRequest): Promise<string> {
  // PLANTED FLAW iin-hash-subject-id: "stable across re-imports", and recomputable by anyone.
  if (ctx.flaws.has('iin-hash-subject-id')) return iinHashSubjectId(r.applicant.iin);
  // PLANTED FLAW sequential-subject-id: the database's sequence, in a UUID's clothing.
  if (ctx.flaws.has('sequential-subject-id')) return sequentialSubjectId(await ctx.vault.nextSubjectNumber());
  return subjectIdFrom(ctx.randomBytes);
}

/**
 * PLANTED FLAW under-12-prints-stored: prints offered for a child under 12 are kept "since they were
 * scanned anyway", although the policy says exempt.
 */
function keepsOfferedPrints(ctx: ReferenceContext, r: EnrolRequest, d: Decision): boolean {
  return ctx.flaws.has('under-12-prints-stored') && d.outcome === 'exempt-age' && r.fingerprints.length > 0;
}

/** Policy, then 1:1 and 1:N: everything decided in memory, nothing written yet. */
async function plan(ctx: ReferenceContext, r: EnrolRequest, link: SubjectLink | null): Promise<Plan> {
  const decision = decide(application(r, link, ctx.flaws));
  const status = STATUS[decision.outcome];
  if (keepsOfferedPrints(ctx, r, decision)) {
    const fingers = captureFingers(r.fingerprints);
    const subjectId = link?.subjectId ?? (await newSubjectId(ctx, r));
    const quality = meanQuality(fingers) >= REFERENCE_TUNING.goodQuality ? 'good' : 'poor';
    return {
      status,
      decision,
      fingers,
      issueDocument: decision.documentProceeds,
      vault: { subjectId, generation: (link?.generation ?? 0) + 1, quality },
    };
  }
  if (!decision.capture)
    // Prints offered for an exempt or declining applicant are never decoded, let alone stored.
    return {
      status,
      decision,
      fingers: [],
      issueDocument: decision.documentProceeds,
      refusal: decision.refusalRecord,
    };
  checkCoverage(r, decision);
  const fingers = captureFingers(r.fingerprints);
  if (decision.verify) {
    if (!link || !ctx.gallery.has(link.subjectId))
      throw new DomainError('not-enrolled', 'the applicant has no stored prints to verify against');
    const v = ctx.gallery.agreeingFingers(link.subjectId, fingers, ctx.thresholds.verification);
    ctx.counters.add(
      v.agreeing >= fingersNeeded(v.compared) && v.compared > 0
        ? 'verifications_match_total'
        : 'verifications_no_match_total',
    );
    if (v.compared === 0 || v.agreeing < fingersNeeded(v.compared))
      return { status: 'verification-failed', decision, fingers, issueDocument: false };
  }
  // PLANTED FLAW deduplication-off: the 1:N search "slowed enrolment down", so it was switched off.
  if (decision.deduplicate && !ctx.flaws.has('deduplication-off')) {
    const probes = [...fingers]
      .sort((x, y) => y.quality - x.quality)
      .slice(0, REFERENCE_TUNING.dedupProbeFingers);
    const hits = await ctx.gallery.search(probes, ctx.thresholds.dedup, REFERENCE_TUNING.candidatesPerFinger);
    ctx.counters.add('dedup_searches_total');
    const other = hits.find(
      (h) => h.subjectId !== link?.subjectId && h.agreeing >= fingersNeeded(probes.length),
    );
    if (other)
      return {
        status: 'blocked-duplicate',
        decision,
        fingers,
        issueDocument: false,
        duplicateOf: { subjectId: other.subjectId, agreeing: other.agreeing },
      };
  }
  const quality = meanQuality(fingers) >= REFERENCE_TUNING.goodQuality ? 'good' : 'poor';
  const stored = link ? ctx.gallery.templates(link.subjectId) : undefined;
  const better = meanQuality(fingers) > meanQuality([...(stored?.values() ?? [])]);
  const write = decision.outcome === 'enrol' || (decision.outcome === 'verify' && better);
  const subjectId = link?.subjectId ?? (await newSubjectId(ctx, r));
  return {
    status,
    decision,
    fingers,
    issueDocument: true,
    vault: write ? { subjectId, generation: (link?.generation ?? 0) + 1, quality } : undefined,
  };
}

/**
 * One enrolment, two-phase across the two databases:
 *   1. registry transaction: idempotency key claimed, application 'pending', vault intent recorded;
 *   2. vault transaction: the new capture generation written (sealed);
 *   3. document issued (idempotent per application id);
 *   4. registry transaction, the commit point: link moved to the new generation, intent removed,
 *      document, refusal or case, audit entry, outbox message and the idempotency result together.
 * A crash before 4 leaves an intent; recovery deletes its vault rows and marks the application
 * interrupted, so there is one consistent record (after 4) or none (before). A replay with the
 * same key resumes under the same application id, so the issuer hands back the same document.
 */
export async function enrol(
  ctx: ReferenceContext,
  r: EnrolRequest,
  actor: Actor,
  key: string,
): Promise<EnrolOutcome> {
  validateEnrolRequest(r);
  const hash = requestHash('enrol', r);
  const prior = await idempotency.get(ctx.registry, key);
  if (prior && (prior.operation !== 'enrol' || prior.requestHash !== hash))
    throw new DomainError('idempotency-conflict', 'this idempotency key was used for a different request');
  if (prior?.state === 'done') {
    ctx.counters.add('idempotent_replays_total');
    return prior.result as EnrolOutcome;
  }
  const applicationId = prior?.applicationId ?? ctx.newId();
  if (prior) {
    // Resuming an attempt that failed in this process without a restart: undo its vault write first.
    const leftover = await registry.intent(ctx.registry, applicationId);
    if (leftover) await rollBackIntent(ctx, leftover);
  }
  const iin = r.applicant.iin;
  const confirmed = await external(ctx, 'population-register', () =>
    ctx.services.populationRegister.confirmIin(iin),
  );
  if (!confirmed.confirmed)
    throw new DomainError('iin-not-confirmed', 'the population register does not confirm this IIN');
  const link = await registry.link(ctx.registry, iin);
  const p = await plan(ctx, r, link);

  await ctx.registry.transaction(async (tx) => {
    await idempotency.claim(tx, { key, operation: 'enrol', requestHash: hash, applicationId }, ctx.now());
    await registry.putApplication(
      tx,
      {
        id: applicationId,
        iin,
        documentKind: r.document,
        trigger: r.trigger,
        channel: r.channel.kind,
        office: r.channel.office,
        applicationDate: r.applicationDate,
        status: 'pending',
        decidedBy: p.decision.decidedBy,
        rules: p.decision.rules,
        missingFingers: p.decision.missingFingers,
        actorId: actor.id,
      },
      ctx.now(),
    );
    if (p.vault) await registry.insertIntent(tx, { applicationId, ...p.vault }, ctx.now());
    ctx.faults.reached('claimed');
  });
  let outcome: EnrolOutcome;
  try {
    ctx.faults.reached('registry-pending');

    if (p.vault)
      await ctx.vault.write({
        subjectId: p.vault.subjectId,
        generation: p.vault.generation,
        fingers: p.fingers.map((f) => ({ position: f.position, iso: f.iso, quality: f.quality })),
        sensorProfile: r.sensorProfile ?? null,
        capturedAt: ctx.now(),
        // PLANTED FLAW pii-in-vault: "so support staff can tell whose prints these are".
        ...(ctx.flaws.has('pii-in-vault')
          ? { support: { surname: r.applicant.surname, birthDate: r.applicant.birthDate } }
          : {}),
      });
    ctx.faults.reached('vault-written');

    let document: IssuedDocument | undefined;
    if (p.issueDocument) {
      const a = r.applicant;
      const issued = await external(ctx, 'document-issuer', () =>
        ctx.services.documentIssuer.issue({
          applicationId,
          kind: r.document,
          iin,
          surname: a.surname,
          givenName: a.givenName,
          patronymic: a.patronymic ?? null,
          birthDate: a.birthDate,
          applicationDate: r.applicationDate,
        }),
      );
      document = { kind: r.document, ...issued, status: 'valid' };
    }
    ctx.faults.reached('document-issued');

    outcome = {
      applicationId,
      status: p.status,
      decidedBy: p.decision.decidedBy,
      rules: p.decision.rules,
      missingFingers: p.decision.missingFingers,
      fingersCaptured: p.fingers.map((f) => f.position),
      ...(document ? { document } : {}),
    };
    const refusalId = p.refusal ? ctx.newId() : undefined;
    const caseId = p.duplicateOf ? ctx.newId() : undefined;
    if (refusalId) outcome.refusalId = refusalId;
    // PLANTED FLAW refusal-in-vault: the refusal "also noted where the prints are", linked to the subject.
    if (refusalId && ctx.flaws.has('refusal-in-vault'))
      await ctx.vault.recordRefusal({
        refusalId,
        subjectId: link?.subjectId ?? null,
        date: r.applicationDate,
        office: r.channel.office,
      });
    if (caseId) outcome.caseId = caseId;

    await ctx.registry.transaction(async (tx) => {
      // Another instance's start-up recovery may have rolled this attempt back while it was in
      // flight (a restart overlapping a request): then its vault rows are gone, and committing the
      // link would acknowledge an enrolment with no prints behind it.
      const state = await registry.lockApplication(tx, applicationId);
      if (state !== 'pending') throw new EnrolmentInterrupted();
      const now = ctx.now();
      const a = r.applicant;
      await registry.upsertResident(
        tx,
        {
          iin,
          surname: a.surname,
          givenName: a.givenName,
          patronymic: a.patronymic ?? null,
          birthDate: a.birthDate,
          sex: a.sex,
          citizenship: a.citizenship,
          status: a.status,
          deceasedOn: null,
        },
        now,
      );
      if (p.vault) {
        await registry.commitLink(
          tx,
          {
            iin,
            subjectId: p.vault.subjectId,
            generation: p.vault.generation,
            quality: p.vault.quality,
            fingers: p.fingers.map((f) => f.position),
          },
          now,
        );
        await registry.deleteIntent(tx, applicationId);
      }
      if (document)
        await registry.insertDocument(
          tx,
          { ...document, iin, statusDate: null, status: 'valid' },
          applicationId,
        );
      if (refusalId)
        await registry.insertRefusal(tx, {
          id: refusalId,
          applicationId,
          iin,
          date: r.applicationDate,
          office: r.channel.office,
        });
      if (caseId && p.duplicateOf)
        await registry.insertCase(
          tx,
          {
            id: caseId,
            applicationId,
            iin,
            matchedSubjectId: p.duplicateOf.subjectId,
            matchedFingers: p.duplicateOf.agreeing,
          },
          now,
        );
      await registry.setApplicationStatus(tx, applicationId, outcome.status);
      const template =
        outcome.status === 'blocked-duplicate'
          ? 'application-blocked'
          : outcome.status === 'refused'
            ? 'application-refused'
            : document
              ? 'document-ready'
              : null;
      if (template) await registry.enqueue(tx, ctx.newId(), 'notification', { applicationId, template }, now);
      await audit(ctx, tx, auditRecord(ctx, actor, `enrol:${outcome.status}`, [applicationId]));
      await idempotency.complete(tx, key, outcome);
    });
  } catch (e) {
    // A crash compensates nothing (recovery does, at restart); any other failure before the commit
    // point undoes the vault write now, so a failed enrolment leaves nothing half-written and a
    // replay with the same key resumes under the same application id.
    if (!(e instanceof SimulatedCrash) && p.vault)
      await rollBackIntent(ctx, { applicationId, ...p.vault }).catch(() => undefined);
    else if (!(e instanceof SimulatedCrash))
      await registry.setApplicationStatus(ctx.registry, applicationId, 'interrupted').catch(() => undefined);
    throw e;
  }
  ctx.faults.reached('registry-committed');

  if (p.vault) {
    ctx.gallery.put({
      subjectId: p.vault.subjectId,
      fingers: new Map(p.fingers.map((f) => [f.position, f.template])),
    });
    if (p.vault.generation > 1) await ctx.vault.deleteOtherGenerations(p.vault.subjectId, p.vault.generation);
  }
  ctx.counters.add(`enrolments_${outcome.status.replaceAll('-', '_')}_total`);
  ctx.log({
    level: 'info',
    event: 'enrolment',
    applicationId,
    status: outcome.status,
    decidedBy: outcome.decidedBy,
  });
  return outcome;
}
