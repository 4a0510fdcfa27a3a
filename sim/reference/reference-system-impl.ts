import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { readAudit, verifyAudit } from '../audit/audit-log.ts';
import { AUDIT_MIGRATIONS } from '../audit/audit-schema.ts';
import type { FingerPosition } from '../fingerprints/finger-position.ts';
import { decodeIsoTemplate } from '../matcher/iso19794-2.ts';
import type { FingerTemplate } from '../matcher/template.ts';
import { idempotency, requestHash } from '../registry/idempotency.ts';
import { REGISTRY_MIGRATIONS } from '../registry/registry-schema.ts';
import { interruptPendingApplications, registry } from '../registry/registry-store.ts';
import { ROLES_MIGRATION } from '../storage/domain-roles.ts';
import { migrate } from '../storage/migrations.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { isSubjectId, subjectIdFrom } from '../vault/subject-id.ts';
import { vaultMigrations } from '../vault/vault-schema.ts';
import { VaultStore } from '../vault/vault-store.ts';
import { DomainError, isDomainError } from './domain-error.ts';
import { enrol, fingersNeeded } from './enrolment-flow.ts';
import { SimulatedExternalServices } from './external-services.ts';
import { Faults } from './faults.ts';
import { captureFingers } from './fingerprint-input.ts';
import { rollBackIntent } from './intent-rollback.ts';
import { Counters } from './metrics.ts';
import { authorise, requireOperator } from './permissions.ts';
import { documentView, personView } from './person-view.ts';
import type { PlantedFlaw } from './planted-flaws.ts';
import { audit, auditRecord, type ReferenceContext, today } from './reference-context.ts';
import type { ReferenceSystem, ReferenceSystemOptions } from './reference-system.ts';
import { defaultThresholds, REFERENCE_TUNING } from './reference-tuning.ts';
import { checkDate, checkIin } from './request-validation.ts';
import { SubjectGallery } from './subject-gallery.ts';
import type { Actor, IdentifyRequest, ResolutionContext, VerifyRequest } from './types.ts';

const KEY = /^[A-Za-z0-9._:-]{8,128}$/;
const CASE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9/._-]{0,63}$/;
const PURPOSE = /^[\p{L}\p{N} ,.:;()/'-]{3,200}$/u;

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || !KEY.test(key))
    throw new DomainError(
      'invalid-request',
      'idempotency key must be 8–128 characters of A–Z a–z 0–9 . _ : -',
    );
  return key;
}

/** Purpose and case reference go to the audit log, so they may not look like an IIN (12 digits). */
function checkResolution(c: ResolutionContext): void {
  if (!c || typeof c.purpose !== 'string' || !PURPOSE.test(c.purpose))
    throw new DomainError('invalid-request', 'purpose must be 3–200 characters of text');
  if (typeof c.caseReference !== 'string' || !CASE_REFERENCE.test(c.caseReference))
    throw new DomainError('invalid-request', 'caseReference must be 1–64 characters of A–Z a–z 0–9 / . _ -');
  if (/\d{12}/.test(c.purpose) || /\d{12}/.test(c.caseReference))
    throw new DomainError('invalid-request', 'purpose and caseReference must not contain an IIN');
}

function uuidFrom(random: (n: number) => Uint8Array): () => string {
  return () => subjectIdFrom(random);
}

class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

async function migrateAll(
  registryDb: SqlClient,
  vaultDb: SqlClient,
  flaws: ReadonlySet<PlantedFlaw>,
): Promise<void> {
  await migrate(registryDb, [ROLES_MIGRATION, ...REGISTRY_MIGRATIONS, ...AUDIT_MIGRATIONS]);
  await migrate(vaultDb, [ROLES_MIGRATION, ...vaultMigrations(flaws)]);
}

/**
 * Brings both databases to one consistent state after a crash, then loads the committed
 * templates: vault rows of uncommitted intents are deleted (then the intent), pending applications
 * become 'interrupted' (their idempotency key stays claimed, so a replay resumes them), and any
 * vault row that no registry link names at its generation is dropped.
 */
async function recover(ctx: ReferenceContext): Promise<{ rolledBack: number; swept: number }> {
  // Pending applications are marked first: an attempt still in flight elsewhere (a restart that
  // overlaps a request) then fails its commit-point check instead of committing a link to vault rows
  // this recovery is about to delete.
  await interruptPendingApplications(ctx.registry);
  const intents = await registry.intents(ctx.registry);
  for (const i of intents) await rollBackIntent(ctx, i);
  const committed = new Map((await registry.links(ctx.registry)).map((l) => [l.subjectId, l.generation]));
  const rows = await ctx.vault.readAll();
  const subjects = new Map<string, Map<FingerPosition, FingerTemplate>>();
  const stale = new Map<string, Set<number>>();
  for (const row of rows) {
    if (committed.get(row.subjectId) !== row.generation) {
      stale.set(row.subjectId, (stale.get(row.subjectId) ?? new Set()).add(row.generation));
      continue;
    }
    const fingers = subjects.get(row.subjectId) ?? new Map();
    fingers.set(row.position, { ...decodeIsoTemplate(row.iso), position: row.position });
    subjects.set(row.subjectId, fingers);
  }
  let swept = 0;
  for (const [subjectId, generations] of stale)
    for (const g of generations) swept += await ctx.vault.deleteGeneration(subjectId, g);
  for (const [subjectId, fingers] of subjects) ctx.gallery.put({ subjectId, fingers });
  return { rolledBack: intents.length, swept };
}

/** Sends what the outbox holds; a failure leaves the message for the next round (at-least-once). */
async function dispatchOutbox(ctx: ReferenceContext): Promise<void> {
  let unsent: Awaited<ReturnType<typeof registry.unsent>>;
  try {
    unsent = await registry.unsent(ctx.registry);
  } catch {
    ctx.log({ level: 'warn', event: 'outbox-unreadable' });
    return;
  }
  for (const m of unsent) {
    try {
      const p = m.payload as { applicationId: string; template: 'document-ready' };
      await ctx.services.notifications.send({
        id: m.id,
        applicationId: p.applicationId,
        template: p.template,
      });
      await registry.markSent(ctx.registry, m.id, ctx.now());
      ctx.counters.add('notifications_sent_total');
    } catch {
      ctx.counters.add('notifications_deferred_total');
      ctx.log({ level: 'warn', event: 'notification-deferred', outboxId: m.id });
      return;
    }
  }
}

export async function createReferenceSystem(options: ReferenceSystemOptions): Promise<ReferenceSystem> {
  const faults = new Faults(options.faults);
  const registryDb = faults.wrap(options.registry);
  const vaultDb = faults.wrap(options.vault);
  const flaws: ReadonlySet<PlantedFlaw> = options.flaws ?? new Set();
  if (options.migrate !== false)
    await migrateAll(
      options.migrateAs?.registry ?? options.registry,
      options.migrateAs?.vault ?? options.vault,
      flaws,
    );
  const random = options.randomBytes ?? ((n: number) => cryptoRandomBytes(n));
  const counters = new Counters();
  const ctx: ReferenceContext = {
    registry: registryDb,
    vault: new VaultStore(vaultDb, options.keys, flaws),
    gallery: new SubjectGallery(options.searchWorkers ?? 0, undefined, options.backgroundGallery ?? null),
    services: options.externalServices ?? new SimulatedExternalServices(),
    thresholds: { ...defaultThresholds(), ...options.thresholds },
    faults,
    counters,
    log: options.logger ?? (() => {}),
    now: options.clock ?? (() => new Date()),
    newId: uuidFrom(random),
    randomBytes: random,
    flaws,
  };
  const recovered = await recover(ctx);
  ctx.log({ level: 'info', event: 'started', ...recovered, galleryEntries: ctx.gallery.size });
  await dispatchOutbox(ctx);
  const writes = new Mutex();

  /** Counts every failure by code (never by message) and logs it without its message. */
  async function counted<T>(op: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      const code = isDomainError(e) ? e.code : 'internal';
      counters.add(`errors_${code.replaceAll('-', '_')}_total`);
      ctx.log({ level: isDomainError(e) ? 'info' : 'error', event: 'operation-failed', operation: op, code });
      throw e;
    }
  }

  async function subjectFor(request: VerifyRequest): Promise<{ subjectId: string; deceased: boolean }> {
    let iin: string;
    if ('iin' in request && request.iin !== undefined) iin = checkIin(request.iin);
    else if ('documentNumber' in request && typeof request.documentNumber === 'string') {
      const d = await registry.document(registryDb, request.documentNumber);
      if (!d) throw new DomainError('unknown-document', 'no such document');
      iin = d.iin;
    } else throw new DomainError('invalid-request', 'give an iin or a documentNumber');
    const link = await registry.link(registryDb, iin);
    if (!link || !ctx.gallery.has(link.subjectId))
      throw new DomainError('not-enrolled', 'this person has no stored prints');
    const resident = await registry.resident(registryDb, iin);
    return { subjectId: link.subjectId, deceased: resident?.deceasedOn != null };
  }

  const system: ReferenceSystem = {
    enrol: (request, actor, o) =>
      counted('enrol', async () => {
        authorise(actor, 'enrol');
        const key = checkKey(o?.idempotencyKey);
        const outcome = await writes.run(() => enrol(ctx, request, actor, key));
        await dispatchOutbox(ctx);
        return outcome;
      }),

    verify: (request, actor) =>
      counted('verify', async () => {
        authorise(actor, 'verify');
        const probes = captureFingers(request?.fingerprints);
        if (probes.length === 0) throw new DomainError('no-fingerprints', 'give at least one finger');
        const { subjectId, deceased } = await subjectFor(request);
        const v = ctx.gallery.agreeingFingers(subjectId, probes, ctx.thresholds.verification);
        // A deceased person's identity cannot be confirmed to anyone presenting it (compared all the same).
        const match = !deceased && v.compared > 0 && v.agreeing >= fingersNeeded(v.compared);
        counters.add(match ? 'verifications_match_total' : 'verifications_no_match_total');
        await audit(
          ctx,
          registryDb,
          auditRecord(ctx, actor, `verify:${match ? 'match' : 'no-match'}`, [subjectId]),
        );
        // PLANTED FLAW scores-in-responses: the best finger's score "so operators see how close it was".
        return flaws.has('scores-in-responses') ? { match, score: v.bestScore } : { match };
      }),

    identify: (request: IdentifyRequest, actor: Actor) =>
      counted('identify', async () => {
        // PLANTED FLAW identification-role-check-missing: "any signed-in officer may search".
        if (flaws.has('identification-role-check-missing')) requireOperator(actor);
        else authorise(actor, 'identify');
        checkResolution(request);
        const probes = captureFingers(request.fingerprints);
        if (probes.length === 0) throw new DomainError('no-fingerprints', 'give at least one finger');
        const hits = await ctx.gallery.search(
          probes,
          ctx.thresholds.verification,
          REFERENCE_TUNING.candidatesPerFinger,
        );
        const candidates = hits.slice(0, REFERENCE_TUNING.identificationCandidates).map((h, i) => ({
          subjectId: h.subjectId,
          rank: i + 1,
          // PLANTED FLAW scores-in-responses: the hit's strength beside its rank.
          ...(flaws.has('scores-in-responses') ? { score: h.strength } : {}),
        }));
        const searchId = ctx.newId();
        counters.add('identifications_total');
        await audit(
          ctx,
          registryDb,
          auditRecord(
            ctx,
            actor,
            'identify',
            [searchId, ...candidates.map((c) => c.subjectId)],
            request.purpose,
            request.caseReference,
          ),
        );
        return { searchId, candidates };
      }),

    resolveSubject: (subjectId, context, actor) =>
      counted('resolve-subject', async () => {
        authorise(actor, 'resolve-subject');
        checkResolution(context);
        if (typeof subjectId !== 'string' || !isSubjectId(subjectId))
          throw new DomainError('invalid-request', 'subject id must be a UUIDv4');
        // Audited before the lookup: an attempt on an unknown subject is recorded too.
        await audit(
          ctx,
          registryDb,
          auditRecord(ctx, actor, 'resolve-subject', [subjectId], context.purpose, context.caseReference),
        );
        counters.add('resolutions_total');
        const link = await registry.linkBySubject(registryDb, subjectId);
        const resident = link && (await registry.resident(registryDb, link.iin));
        if (!link || !resident)
          throw new DomainError('unknown-subject', 'no person is linked to this subject id');
        return personView(
          actor.role,
          resident,
          await registry.documents(registryDb, link.iin),
          subjectId,
          today(ctx),
        );
      }),

    lookupResident: (iin, actor) =>
      counted('lookup-resident', async () => {
        authorise(actor, 'lookup-resident');
        checkIin(iin);
        const resident = await registry.resident(registryDb, iin);
        const link = await registry.link(registryDb, iin);
        await audit(
          ctx,
          registryDb,
          auditRecord(ctx, actor, 'lookup-resident', link ? [link.subjectId] : []),
        );
        if (!resident) throw new DomainError('unknown-resident', 'no resident with this IIN');
        counters.add('lookups_total');
        return personView(actor.role, resident, await registry.documents(registryDb, iin), null, today(ctx));
      }),

    reportDocument: (number, report, actor, o) =>
      counted('report-document', async () => {
        authorise(actor, 'report-document');
        const key = checkKey(o?.idempotencyKey);
        if (!report || (report.kind !== 'lost' && report.kind !== 'stolen'))
          throw new DomainError('invalid-request', "kind must be 'lost' or 'stolen'");
        checkDate(report.date, 'date');
        if (typeof number !== 'string' || number.length === 0 || number.length > 32)
          throw new DomainError('invalid-request', 'document number is missing or too long');
        const hash = requestHash('report-document', { number, report });
        return writes.run(() =>
          registryDb.transaction(async (tx) => {
            const prior = await idempotency.get(tx, key);
            if (prior && prior.requestHash !== hash)
              throw new DomainError(
                'idempotency-conflict',
                'this idempotency key was used for a different request',
              );
            const d = await registry.document(tx, number);
            if (!d) throw new DomainError('unknown-document', 'no such document');
            if (prior?.state === 'done') return documentView(d, today(ctx));
            if (d.status !== 'valid')
              throw new DomainError('document-state', `the document is already ${d.status}`);
            await idempotency.claim(
              tx,
              { key, operation: 'report-document', requestHash: hash, applicationId: null },
              ctx.now(),
            );
            await registry.setDocumentStatus(tx, number, report.kind, report.date);
            const link = await registry.link(tx, d.iin);
            await audit(
              ctx,
              tx,
              auditRecord(ctx, actor, `report-document:${report.kind}`, link ? [link.subjectId] : []),
            );
            await idempotency.complete(tx, key, { number, status: report.kind });
            counters.add(`documents_reported_${report.kind}_total`);
            return documentView({ ...d, status: report.kind, statusDate: report.date }, today(ctx));
          }),
        );
      }),

    documentStatus: (number, actor) =>
      counted('document-status', async () => {
        authorise(actor, 'document-status');
        if (typeof number !== 'string' || number.length === 0 || number.length > 32)
          throw new DomainError('invalid-request', 'document number is missing or too long');
        const d = await registry.document(registryDb, number);
        if (!d) throw new DomainError('unknown-document', 'no such document');
        const link = await registry.link(registryDb, d.iin);
        await audit(
          ctx,
          registryDb,
          auditRecord(ctx, actor, 'document-status', link ? [link.subjectId] : []),
        );
        return documentView(d, today(ctx));
      }),

    recordDeath: (iin, death, actor, o) =>
      counted('record-death', async () => {
        authorise(actor, 'record-death');
        const key = checkKey(o?.idempotencyKey);
        checkIin(iin);
        checkDate(death?.date, 'date');
        const hash = requestHash('record-death', { iin, death });
        await writes.run(() =>
          registryDb.transaction(async (tx) => {
            const prior = await idempotency.get(tx, key);
            if (prior && prior.requestHash !== hash)
              throw new DomainError(
                'idempotency-conflict',
                'this idempotency key was used for a different request',
              );
            if (prior?.state === 'done') return;
            if (!(await registry.markDeceased(tx, iin, death.date)))
              throw new DomainError('unknown-resident', 'no resident with this IIN');
            await registry.invalidateDocuments(tx, iin, death.date);
            await idempotency.claim(
              tx,
              { key, operation: 'record-death', requestHash: hash, applicationId: null },
              ctx.now(),
            );
            const link = await registry.link(tx, iin);
            await audit(ctx, tx, auditRecord(ctx, actor, 'record-death', link ? [link.subjectId] : []));
            await idempotency.complete(tx, key, { recorded: true });
          }),
        );
      }),

    auditExport: (range, actor) =>
      counted('audit-export', async () => {
        authorise(actor, 'audit-export');
        const entries = await readAudit(registryDb, range ?? {});
        await audit(ctx, registryDb, auditRecord(ctx, actor, 'audit-export', []));
        return entries.map((e) => ({ ...e, role: e.role as Actor['role'] }));
      }),

    verifyAuditChain: (actor) =>
      counted('audit-verify', async () => {
        authorise(actor, 'audit-verify');
        return verifyAudit(registryDb, flaws);
      }),

    metrics() {
      counters.set('gallery_entries', ctx.gallery.size);
      counters.set('gallery_subjects', ctx.gallery.subjectCount);
      return counters.snapshot();
    },

    async health() {
      const ok = async (db: SqlClient) =>
        db.query('SELECT 1').then(
          () => true,
          () => false,
        );
      return { registry: await ok(registryDb), vault: await ok(vaultDb), galleryEntries: ctx.gallery.size };
    },

    async close() {
      await ctx.gallery.close();
    },
  };
  return system;
}
