import { contractOperation, responseProblems } from '../contract/reference-api.ts';
import type { HttpTransport, TransportResponse } from './http-transport.ts';
import type {
  ApiError,
  AuditChainVerification,
  AuditExport,
  ContractInfo,
  DeathRecord,
  DocumentReport,
  DocumentStatus,
  EnrolmentRequest,
  EnrolmentResult,
  Health,
  IdentificationRequest,
  IdentificationResult,
  Person,
  SubjectResolutionRequest,
  VerificationRequest,
  VerificationResult,
} from './reference-api-types.ts';

/** A response as received, with the body parsed when it is JSON. */
export interface ApiResponse<T> {
  status: number;
  headers: Record<string, string>;
  /** The parsed body: T on success, ApiError otherwise (or text for /metrics). */
  body: T | ApiError;
  raw: string;
}

/** A target answered something the contract does not allow. */
export class ContractViolation extends Error {
  override name = 'ContractViolation';
  constructor(
    readonly operationId: string,
    readonly problems: string[],
    readonly response: TransportResponse,
  ) {
    super(`${operationId}: the response breaks the contract: ${problems.join('; ')}`);
  }
}

export interface ClientOptions {
  transport: HttpTransport;
  /** A bearer token (JWT) for the role the client acts as; absent for public operations. */
  token?: string;
  /** Validate every response against the contract and throw ContractViolation (default true). */
  validate?: boolean;
  /** Extra headers on every request (tests use it to send bad ones). */
  headers?: Record<string, string>;
}

export interface MultipartPrint {
  position: number;
  format: 'png' | 'iso19794-2';
  bytes: Uint8Array;
}

export interface WriteOptions {
  idempotencyKey: string;
}

/** Every request the client sends and response it receives, for suites that inspect traffic. */
export interface Exchange {
  operationId: string;
  response: TransportResponse;
}

/**
 * A typed client of the reference API contract: one method per operation, paths and methods
 * taken from the contract itself, every answer checked against the contract's status codes and
 * schemas. Certification suites use it against the reference or a vendor's target alike.
 */
export class ReferenceApiClient {
  readonly exchanges: Exchange[] = [];

  constructor(private readonly options: ClientOptions) {}

  /** The same target as another role (or none). */
  as(token: string | undefined): ReferenceApiClient {
    return new ReferenceApiClient({ ...this.options, token });
  }

  enrol(body: EnrolmentRequest, w: WriteOptions) {
    return this.call<EnrolmentResult>('enrol', body, w);
  }
  /** The same enrolment as multipart/form-data: the JSON in part `application`, each print as a binary part. */
  enrolMultipart(body: EnrolmentRequest, prints: MultipartPrint[], w: WriteOptions) {
    const boundary = `dactylo-${Math.random().toString(36).slice(2)}`;
    const chunks: Buffer[] = [];
    const part = (name: string, type: string, data: Buffer | string, file = false) =>
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${name}"` : ''}\r\nContent-Type: ${type}\r\n\r\n`,
        ),
        Buffer.from(data),
        Buffer.from('\r\n'),
      );
    part('application', 'application/json', JSON.stringify({ ...body, fingerprints: [] }));
    for (const p of prints)
      part(
        `finger-${p.position}`,
        p.format === 'png' ? 'image/png' : 'application/octet-stream',
        Buffer.from(p.bytes),
        true,
      );
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return this.call<EnrolmentResult>('enrol', undefined, w, '', {
      text: Buffer.concat(chunks),
      contentType: `multipart/form-data; boundary=${boundary}`,
    });
  }
  verify(body: VerificationRequest) {
    return this.call<VerificationResult>('verify', body);
  }
  identify(body: IdentificationRequest) {
    return this.call<IdentificationResult>('identify', body);
  }
  resolveSubject(body: SubjectResolutionRequest) {
    return this.call<Person>('resolveSubject', body);
  }
  lookupResident(iin: string) {
    return this.call<Person>('lookupResident', { iin });
  }
  getDocumentStatus(documentNumber: string) {
    return this.call<DocumentStatus>('getDocumentStatus', { documentNumber });
  }
  reportDocument(body: DocumentReport, w: WriteOptions) {
    return this.call<DocumentStatus>('reportDocument', body, w);
  }
  /** 204 without a body when recorded. */
  recordDeath(body: DeathRecord, w: WriteOptions) {
    return this.call<undefined>('recordDeath', body, w);
  }
  exportAudit(page: { after?: number; limit?: number } = {}) {
    const q = new URLSearchParams();
    if (page.after !== undefined) q.set('after', String(page.after));
    if (page.limit !== undefined) q.set('limit', String(page.limit));
    return this.call<AuditExport>('exportAudit', undefined, undefined, q.size > 0 ? `?${q}` : '');
  }
  verifyAuditChain() {
    return this.call<AuditChainVerification>('verifyAuditChain');
  }
  getMetrics() {
    return this.call<string>('getMetrics');
  }
  getHealth() {
    return this.call<Health>('getHealth');
  }
  getContractInfo() {
    return this.call<ContractInfo>('getContractInfo');
  }

  /**
   * Any operation by operationId with any body, including ones the contract forbids (tests of
   * bad input send raw text through `rawBody`).
   */
  async call<T>(
    operationId: string,
    body?: unknown,
    write?: WriteOptions,
    query = '',
    rawBody?: { text: string | Buffer; contentType: string },
  ): Promise<ApiResponse<T>> {
    const { method, path } = contractOperation(operationId);
    const headers: Record<string, string> = { accept: 'application/json', ...this.options.headers };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (write) headers['idempotency-key'] = write.idempotencyKey;
    let payload: string | Buffer | undefined;
    if (rawBody) {
      payload = rawBody.text;
      headers['content-type'] = rawBody.contentType;
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const response = await this.options.transport({ method, path: path + query, headers, body: payload });
    this.exchanges.push({ operationId, response });
    const contentType = response.headers['content-type'];
    const parsed = contentType?.startsWith('application/json') ? safeJson(response.body) : response.body;
    if (this.options.validate !== false) {
      const problems = responseProblems(operationId, { status: response.status, contentType, body: parsed });
      if (problems.length > 0) throw new ContractViolation(operationId, problems, response);
    }
    return {
      status: response.status,
      headers: response.headers,
      body: parsed as T | ApiError,
      raw: response.body,
    };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function isApiError(b: unknown): b is ApiError {
  return typeof b === 'object' && b !== null && 'code' in b && 'requestId' in b;
}
