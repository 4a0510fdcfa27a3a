import { createHash, randomUUID } from 'node:crypto';
import type { IsoDate } from '../enrollment/age.ts';
import type { DocumentKind, LegalStatus, MissingReason, Trigger } from '../enrollment/application.ts';
import type { FingerPosition } from '../fingerprints/finger-position.ts';
import { validateIin } from '../population/iin.ts';
import type { PlantedFlaw } from '../reference/planted-flaws.ts';
import type { ReferenceSystem } from '../reference/reference-system.ts';
import type { Actor, EnrolOutcome, IssuedDocument, Logger, PersonView } from '../reference/types.ts';
import { decodeFingerprints, type FingerprintJson } from './fingerprint-payload.ts';
import { HttpError } from './http-error.ts';
import type { HttpMetrics } from './metrics.ts';
import type { OperationId } from './role-matrix.ts';

/** What a handler gets: the validated body and query, who acts, and the write's idempotency key. */
export interface HandlerInput {
  body: unknown;
  query: Record<string, unknown>;
  actor: Actor | null;
  idempotencyKey: string | undefined;
}

export interface HandlerResult {
  status?: number;
  body: unknown;
  contentType?: string;
}

export type Handler = (input: HandlerInput) => Promise<HandlerResult>;

export interface HandlerContext {
  system: ReferenceSystem;
  metrics: HttpMetrics;
  contractVersion: string;
  implementationVersion: string;
  log?: Logger;
  /** Deliberate mistakes to commit (harness/flaws/catalogue.yaml); none in the clean reference. */
  flaws?: ReadonlySet<PlantedFlaw>;
}

interface EnrolmentJson {
  applicationDate: IsoDate;
  document: DocumentKind;
  trigger: Trigger;
  applicant: {
    iin: string;
    surname: string;
    givenName: string;
    patronymic?: string | null;
    status: LegalStatus;
    citizenship: string | null;
  };
  guardianConsent?: boolean;
  refuses?: boolean;
  handInjury?: boolean;
  sensorProfile?: string;
  fingerprints: FingerprintJson[];
  missingFingers: { position: number; reason: MissingReason }[];
}

/** Handlers by contract operation: translate the contract's JSON to the domain's calls and back. */
export function operationHandlers(ctx: HandlerContext): Record<OperationId, Handler> {
  const { system } = ctx;
  const flaws = ctx.flaws ?? new Set<PlantedFlaw>();
  const log = ctx.log ?? (() => {});
  /**
   * The domain's idempotency key for a write. PLANTED FLAW idempotency-ignored: the header is
   * validated, then a fresh key is made per request, so a retry or a replay is a new request.
   */
  /** PLANTED FLAW scores-in-responses: the score passed on (the contract forbids it; clean drops it). */
  const leakedScore = (score: number | undefined) => (flaws.has('scores-in-responses') ? score : undefined);
  const writeKey = (actor: Actor | null, key: string | undefined): string =>
    scopedKey(actor, flaws.has('idempotency-ignored') ? randomUUID() : key);
  return {
    async enrol({ body, actor, idempotencyKey }) {
      const b = body as EnrolmentJson;
      if (flaws.has('pii-in-logs')) logEnrolmentBody(log, b);
      const who = birthOf(b.applicant.iin, 'applicant.iin');
      const outcome = await system.enrol(
        {
          applicant: { ...b.applicant, patronymic: b.applicant.patronymic ?? null, ...who },
          document: b.document,
          trigger: b.trigger,
          channel: channelOf(actorOf(actor)),
          applicationDate: b.applicationDate,
          guardianConsent: b.guardianConsent,
          refuses: b.refuses,
          handInjury: b.handInjury,
          sensorProfile: b.sensorProfile,
          fingerprints: decodeFingerprints(b.fingerprints),
          missingFingers: b.missingFingers.map((m) => ({
            position: m.position as FingerPosition,
            reason: m.reason,
          })),
        },
        actorOf(actor),
        { idempotencyKey: writeKey(actor, idempotencyKey) },
      );
      return { status: 201, body: enrolmentResult(outcome) };
    },
    async verify({ body, actor }) {
      const b = body as { iin?: string; documentNumber?: string; fingerprints: FingerprintJson[] };
      const fingerprints = decodeFingerprints(b.fingerprints);
      if (b.iin !== undefined) birthOf(b.iin, 'iin');
      const subject = b.iin !== undefined ? { iin: b.iin } : { documentNumber: String(b.documentNumber) };
      const { match, score } = await system.verify({ ...subject, fingerprints }, actorOf(actor));
      return { body: defined({ decision: match ? 'match' : 'no-match', score: leakedScore(score) }) };
    },
    async identify({ body, actor }) {
      const b = body as { purpose: string; caseReference: string; fingerprints: FingerprintJson[] };
      const r = await system.identify(
        {
          purpose: b.purpose,
          caseReference: b.caseReference,
          fingerprints: decodeFingerprints(b.fingerprints),
        },
        actorOf(actor),
      );
      const candidates = [...r.candidates]
        .sort((x, y) => x.rank - y.rank)
        .map((c) => defined({ rank: c.rank, subjectId: c.subjectId, score: leakedScore(c.score) }));
      return { body: { searchId: r.searchId, candidates } };
    },
    async resolveSubject({ body, actor }) {
      const b = body as { subjectId: string; purpose: string; caseReference: string };
      const person = await system.resolveSubject(
        b.subjectId,
        { purpose: b.purpose, caseReference: b.caseReference },
        actorOf(actor),
      );
      return { body: personBody(person) };
    },
    async lookupResident({ body, actor }) {
      const { iin } = body as { iin: string };
      birthOf(iin, 'iin');
      return { body: personBody(await system.lookupResident(iin, actorOf(actor))) };
    },
    async getDocumentStatus({ body, actor }) {
      const doc = await system.documentStatus(
        (body as { documentNumber: string }).documentNumber,
        actorOf(actor),
      );
      return { body: documentStatus(doc) };
    },
    async reportDocument({ body, actor, idempotencyKey }) {
      const b = body as { documentNumber: string; event: 'lost' | 'stolen'; date: IsoDate };
      const doc = await system.reportDocument(
        b.documentNumber,
        { kind: b.event, date: b.date },
        actorOf(actor),
        {
          idempotencyKey: writeKey(actor, idempotencyKey),
        },
      );
      return { body: documentStatus(doc) };
    },
    async recordDeath({ body, actor, idempotencyKey }) {
      const b = body as { iin: string; date: IsoDate };
      birthOf(b.iin, 'iin');
      await system.recordDeath(b.iin, { date: b.date }, actorOf(actor), {
        idempotencyKey: writeKey(actor, idempotencyKey),
      });
      return { status: 204, body: undefined };
    },
    async exportAudit({ query, actor }) {
      const after = Number(query.after ?? 0);
      const limit = Number(query.limit ?? 100);
      const entries = await system.auditExport({ fromSeq: after + 1, toSeq: after + limit }, actorOf(actor));
      const page = entries.slice(0, limit);
      const last = page.at(-1);
      return { body: defined({ entries: page, next: page.length === limit && last ? last.seq : undefined }) };
    },
    async verifyAuditChain({ actor }) {
      const c = await system.verifyAuditChain(actorOf(actor));
      return { body: defined({ ok: c.ok, entries: c.entries, brokenAt: c.brokenAt, reason: c.reason }) };
    },
    async getMetrics() {
      return {
        body: ctx.metrics.render(system.metrics()),
        contentType: 'text/plain; version=0.0.4; charset=utf-8',
      };
    },
    async getHealth() {
      let up = false;
      try {
        const h = await system.health();
        up = h.registry && h.vault;
      } catch {
        up = false;
      }
      return { status: up ? 200 : 503, body: { status: up ? 'ok' : 'unavailable' } };
    },
    async getContractInfo() {
      return {
        body: {
          contract: 'dactylo-reference-api',
          contractVersion: ctx.contractVersion,
          implementation: 'dactylo reference registration system',
          implementationVersion: ctx.implementationVersion,
        },
      };
    },
  };
}

/**
 * PLANTED FLAW pii-in-logs: the enrolment body (images left out) logged at info "to replay failed
 * enrolments", base64-encoded because the logger kept redacting the fields support asked for.
 */
function logEnrolmentBody(log: Logger, b: EnrolmentJson): void {
  const { fingerprints, ...rest } = b;
  const replay = Buffer.from(JSON.stringify({ ...rest, fingerprintCount: fingerprints.length })).toString(
    'base64',
  );
  log({ level: 'info', event: 'enrolment.request', replay });
}

function actorOf(actor: Actor | null): Actor {
  if (!actor) throw new HttpError(401, 'token-missing', 'an Authorization: Bearer token is required');
  return actor;
}

/** Birth date and sex are part of the IIN; taking them from it leaves nothing to contradict. */
function birthOf(iin: string, field: string): { birthDate: IsoDate; sex: 'M' | 'F' } {
  const v = validateIin(iin);
  if (!v.valid) throw new HttpError(400, 'invalid-iin', `${field} is not a valid IIN (${v.reason})`);
  return { birthDate: v.birthDate as IsoDate, sex: v.sex };
}

/** The application's channel is the caller's, from the token, not from the body. */
function channelOf(actor: Actor): { kind: 'psc' | 'consulate'; office: string } {
  if (!actor.office)
    throw new HttpError(
      403,
      'forbidden',
      'the token names no office (claim "office"); applications are taken at an office',
    );
  return { kind: actor.role === 'consulate-officer' ? 'consulate' : 'psc', office: actor.office };
}

/**
 * Keys are per operator, so one operator can never replay (and so read) another's result; hashed
 * with the operator id to a fixed length the domain accepts.
 */
function scopedKey(actor: Actor | null, key: string | undefined): string {
  if (!key) throw new HttpError(400, 'missing-idempotency-key', 'writes need an Idempotency-Key header');
  return createHash('sha256')
    .update(`${actorOf(actor).id}\u0000${key}`)
    .digest('base64url');
}

/** Only the fields the contract gives an operator: nothing the domain may add later leaks through. */
function enrolmentResult(o: EnrolOutcome) {
  return defined({
    applicationId: o.applicationId,
    status: o.status,
    decidedBy: o.decidedBy,
    rules: o.rules,
    document: o.document && issued(o.document),
    fingersCaptured: o.fingersCaptured,
    missingFingers: o.missingFingers.map((m) => ({ position: m.position, reason: m.reason })),
    refusalId: o.refusalId,
    caseId: o.caseId,
  });
}

function issued(d: IssuedDocument): IssuedDocument {
  return {
    kind: d.kind,
    number: d.number,
    issueDate: d.issueDate,
    expiryDate: d.expiryDate,
    status: d.status,
  };
}

function documentStatus(d: IssuedDocument) {
  return { kind: d.kind, status: d.status, issueDate: d.issueDate, expiryDate: d.expiryDate };
}

function personBody(p: PersonView) {
  return defined({
    subjectId: p.subjectId,
    iin: p.iin,
    surname: p.surname,
    givenName: p.givenName,
    patronymic: p.patronymic,
    birthDate: p.birthDate,
    sex: p.sex,
    citizenship: p.citizenship,
    status: p.status,
    deceased: p.deceased,
    documents: p.documents.map(issued),
  });
}

/** Drops undefined fields so the JSON has only what the contract declares. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
