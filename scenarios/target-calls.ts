import { createHash } from 'node:crypto';
import type { CertificationContext } from '../harness/certify/certification-suite.ts';
import type { CertificationTarget } from '../harness/targets/certification-target.ts';
import { type ApiResponse, isApiError } from '../harness/targets/reference-api-client.ts';
import type {
  AuditEntry,
  DocumentStatus,
  EnrolmentRequest,
  EnrolmentResult,
  FingerprintBody,
  IdentificationResult,
  Person,
  Role,
  VerificationResult,
} from '../harness/targets/reference-api-types.ts';
import { type Story, UnexpectedAnswer } from './story.ts';

/** Why an identification is made and under which case: a purpose without personal data. */
export interface Warrant {
  purpose: string;
  caseReference: string;
}

const RATE_LIMIT_RETRIES = 5;
const MAX_WAIT_SECONDS = 10;

/** Where each target's audit log was last read up to (sequence number of the last entry seen). */
const auditCursor = new WeakMap<CertificationTarget, number>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function what(res: ApiResponse<unknown>): string {
  return isApiError(res.body) ? `${res.status} ${res.body.code}` : String(res.status);
}

/**
 * The calls a story makes, through the contract client of each role. A server error is an
 * unexpected answer (the evidence is an error); a refusal where success was due is a failed check
 * that ends the story (the evidence is a fail).
 */
export class Calls {
  private writes = 0;

  constructor(
    private readonly ctx: CertificationContext,
    private readonly story: Story,
  ) {}

  /**
   * Idempotency keys from (seed, story, ordinal, body): the same run against a persistent target
   * replays its writes, and a run that drew other residents never reuses a key for another body.
   */
  private key(body: unknown): string {
    return createHash('sha256')
      .update(`${this.ctx.seed}\u0000${this.story.test}\u0000${++this.writes}\u0000${JSON.stringify(body)}`)
      .digest('base64url')
      .slice(0, 40);
  }

  /**
   * Sends a request, waiting out a rate limit (429 and its Retry-After) as any client must; a
   * write is retried with the same Idempotency-Key, so it happens once.
   */
  private async send<T>(request: () => Promise<ApiResponse<T>>, operation: string): Promise<ApiResponse<T>> {
    for (let attempt = 0; ; attempt++) {
      const res = await request();
      if (res.status !== 429 || attempt >= RATE_LIMIT_RETRIES) return this.answered(res, operation);
      const seconds = Number(res.headers['retry-after']);
      await sleep(1000 * Math.min(Number.isFinite(seconds) && seconds > 0 ? seconds : 1, MAX_WAIT_SECONDS));
    }
  }

  /** Fails with an unexpected answer on a server error; otherwise hands the response back. */
  answered<T>(res: ApiResponse<T>, operation: string): ApiResponse<T> {
    if (res.status >= 500)
      throw new UnexpectedAnswer(`${operation} answered ${what(res)}: the target failed, not the applicant`);
    return res;
  }

  /** The body of a successful answer; a 4xx is a failed check that ends the story. */
  succeeded<T>(res: ApiResponse<T>, operation: string): T {
    this.answered(res, operation);
    this.story.require(
      res.status >= 200 && res.status < 300,
      `${operation} succeeds (answered ${what(res)})`,
    );
    return res.body as T;
  }

  enrolAnswer(role: Role, body: EnrolmentRequest): Promise<ApiResponse<EnrolmentResult>> {
    const idempotencyKey = this.key(body);
    return this.send(() => this.ctx.target.client(role).enrol(body, { idempotencyKey }), 'enrolment');
  }

  async enrol(body: EnrolmentRequest, role: Role = 'psc-operator'): Promise<EnrolmentResult> {
    return this.succeeded(await this.enrolAnswer(role, body), 'enrolment');
  }

  verifyAnswer(
    role: Role,
    who: { iin: string } | { documentNumber: string },
    fingerprints: FingerprintBody[],
  ): Promise<ApiResponse<VerificationResult>> {
    return this.send(() => this.ctx.target.client(role).verify({ ...who, fingerprints }), 'verification');
  }

  async verify(
    role: Role,
    who: { iin: string } | { documentNumber: string },
    fingerprints: FingerprintBody[],
  ): Promise<VerificationResult> {
    return this.succeeded(await this.verifyAnswer(role, who, fingerprints), 'verification');
  }

  identifyAnswer(
    role: Role | undefined,
    fingerprints: FingerprintBody[],
    w: Warrant,
  ): Promise<ApiResponse<IdentificationResult>> {
    return this.send(() => this.ctx.target.client(role).identify({ ...w, fingerprints }), 'identification');
  }

  async identify(fingerprints: FingerprintBody[], w: Warrant): Promise<IdentificationResult> {
    return this.succeeded(
      await this.identifyAnswer('identification-officer', fingerprints, w),
      'identification',
    );
  }

  resolveAnswer(
    role: Role | undefined,
    subjectId: string,
    searchId: string | undefined,
    w: Warrant,
  ): Promise<ApiResponse<Person>> {
    return this.send(
      () =>
        this.ctx.target.client(role).resolveSubject({ subjectId, ...(searchId ? { searchId } : {}), ...w }),
      'subject resolution',
    );
  }

  async resolve(subjectId: string, searchId: string | undefined, w: Warrant): Promise<Person> {
    return this.succeeded(
      await this.resolveAnswer('identification-officer', subjectId, searchId, w),
      'subject resolution',
    );
  }

  lookupAnswer(role: Role, iin: string): Promise<ApiResponse<Person>> {
    return this.send(() => this.ctx.target.client(role).lookupResident(iin), 'resident lookup');
  }

  async lookup(iin: string, role: Role = 'psc-operator'): Promise<Person> {
    return this.succeeded(await this.lookupAnswer(role, iin), 'resident lookup');
  }

  documentStatusAnswer(role: Role, documentNumber: string): Promise<ApiResponse<DocumentStatus>> {
    return this.send(() => this.ctx.target.client(role).getDocumentStatus(documentNumber), 'document status');
  }

  async documentStatus(documentNumber: string, role: Role = 'psc-operator'): Promise<DocumentStatus> {
    return this.succeeded(await this.documentStatusAnswer(role, documentNumber), 'document status');
  }

  async reportDocument(
    documentNumber: string,
    event: 'lost' | 'stolen',
    date: string,
    role: Role = 'psc-operator',
  ): Promise<DocumentStatus> {
    const key = this.key({ documentNumber, event, date });
    const res = await this.send(
      () =>
        this.ctx.target.client(role).reportDocument({ documentNumber, event, date }, { idempotencyKey: key }),
      'document report',
    );
    return this.succeeded(res, 'document report');
  }

  /** A write by operation id (one the typed client does not name yet), with an idempotency key. */
  async write(role: Role, operationId: string, body: unknown): Promise<ApiResponse<unknown>> {
    const idempotencyKey = this.key(body);
    return this.send(
      () => this.ctx.target.client(role).call(operationId, body, { idempotencyKey }),
      operationId,
    );
  }

  /**
   * The audit entries written since this target's log was last read (the whole log the first
   * time), as the auditor exports them page by page: a story reads what its own actions wrote
   * without re-reading a long log.
   */
  async newAuditEntries(): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    let after = auditCursor.get(this.ctx.target);
    for (;;) {
      const page = this.succeeded(
        await this.send(
          () => this.ctx.target.client('auditor').exportAudit({ after, limit: 500 }),
          'audit export',
        ),
        'audit export',
      );
      entries.push(...page.entries);
      const last = page.entries.at(-1);
      if (last) after = last.seq;
      if (page.next === undefined || page.entries.length === 0) break;
      after = page.next;
    }
    if (after !== undefined) auditCursor.set(this.ctx.target, after);
    return entries;
  }
}
