import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { DOMAIN_ERROR_STATUS, isDomainError } from '../reference/domain-error.ts';
import type { PlantedFlaw } from '../reference/planted-flaws.ts';
import type { ReferenceSystem } from '../reference/reference-system.ts';
import type { Actor, Logger } from '../reference/types.ts';
import { DACTYLO_VERSION } from '../runtime/version.ts';
import { type ContractOperation, contractOperations } from './contract-operations.ts';
import { errorBody, HttpError } from './http-error.ts';
import { HttpMetrics } from './metrics.ts';
import { MULTIPART_LIMITS, multipartToJson } from './multipart-body.ts';
import { type Handler, operationHandlers } from './operation-handlers.ts';
import { scrub } from './redacting-logger.ts';
import { compileRequestSchema, requestProblem } from './request-validator.ts';
import { mayCall, type OperationId } from './role-matrix.ts';
import type { TokenVerifier } from './token-verifier.ts';

/** Largest request body accepted: ten 500 ppi PNGs of a large-area sensor fit with room to spare. */
export const BODY_LIMIT_BYTES = 4 * 1024 * 1024;
/** Per actor, per minute, on 1:1 and 1:N (the expensive operations an abused account would hammer). */
export const DEFAULT_RATE_LIMIT = 600;
const RATE_LIMITED: ReadonlySet<OperationId> = new Set(['verify', 'identify']);
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,128}$/;

export interface ReferenceServerOptions {
  system: ReferenceSystem;
  /** The OpenAPI document (harness/contract/reference-api.openapi.json), as data. */
  contract: unknown;
  auth: TokenVerifier;
  /** Where log events go; give it a redacting logger (the server logs no PII either way). */
  logger?: Logger;
  bodyLimit?: number;
  /** Requests per actor per minute on verify and identify; 0 turns the limit off. */
  rateLimitPerMinute?: number;
  /** Serve HTTPS (TLS 1.2 at least) with this key and certificate chain (PEM). */
  https?: { key: string; cert: string };
  /**
   * Deliberate mistakes the HTTP layer commits (harness/flaws/catalogue.yaml); default none. Pass the
   * same set to createReferenceSystem: each flaw lives in the layer where a developer would make it.
   */
  flaws?: ReadonlySet<PlantedFlaw>;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    operationId: OperationId | null;
  }
}

/**
 * The reference system over HTTP: routes, request schemas and the role of each route come from the
 * OpenAPI contract passed in, so the contract and the server cannot drift. Every failure is one
 * error schema with a machine-readable code; nothing personal goes to logs, metrics or headers.
 */
export async function createReferenceServer(options: ReferenceServerOptions): Promise<FastifyInstance> {
  const ops = contractOperations(options.contract);
  const log: Logger = options.logger ?? (() => {});
  const metrics = new HttpMetrics();
  const contractVersion = String(
    (options.contract as { info?: { version?: string } }).info?.version ?? '0.0.0',
  );
  const flaws: ReadonlySet<PlantedFlaw> = options.flaws ?? new Set();
  const handlers = operationHandlers({
    system: options.system,
    metrics,
    contractVersion,
    implementationVersion: DACTYLO_VERSION,
    log,
    flaws,
  });
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
    // Idle keep-alive sockets only: requests in flight at shutdown get their answers (new ones get 503).
    forceCloseConnections: 'idle',
    ...(options.https ? { https: { ...options.https, minVersion: 'TLSv1.2' as const } } : {}),
  }) as unknown as FastifyInstance;
  // Only JSON: a text/plain body is 415, not a string the validator would then misreport.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('actor', null);
  app.decorateRequest('operationId', null);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('X-Request-Id', req.id);
    reply.header('Cache-Control', 'no-store');
    reply.header('X-Content-Type-Options', 'nosniff');
  });
  app.addHook('onResponse', async (req, reply) => {
    const seconds = reply.elapsedTime / 1000;
    metrics.observe(req.operationId ?? 'unmatched', reply.statusCode, seconds);
    log({
      level: reply.statusCode >= 500 ? 'error' : 'info',
      event: 'http.response',
      requestId: req.id,
      operation: req.operationId ?? 'unmatched',
      method: req.method,
      status: reply.statusCode,
      ms: Math.round(seconds * 1e4) / 10,
      actorId: req.actor?.id ?? null,
      role: req.actor?.role ?? null,
    });
  });
  app.setErrorHandler(async (error, req, reply) => sendError(toHttpError(error, req, log), req, reply));
  app.setNotFoundHandler(async (req, reply) =>
    sendError(new HttpError(404, 'route-not-found', `no operation ${req.method} at this path`), req, reply),
  );

  await app.register(multipart, { attachFieldsToBody: true, limits: MULTIPART_LIMITS });
  const perMinute = options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT;
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    keyGenerator: (req) => `actor:${req.actor?.id ?? req.ip}`,
    errorResponseBuilder: (_req, ctx) =>
      new HttpError(
        429,
        'rate-limited',
        `at most ${ctx.max} requests per minute for this operator; retry in ${ctx.after}`,
      ),
  });
  for (const op of ops) registerRoute(app, op, handlers[op.operationId], options.auth, perMinute, flaws);
  return app;
}

/**
 * Whether the route checks the caller's role. PLANTED FLAW identification-role-check-missing: the
 * 1:N route was "opened to every officer for the pilot", so any valid token may search.
 */
function checksRole(op: ContractOperation, flaws: ReadonlySet<PlantedFlaw>): boolean {
  return !(op.operationId === 'identify' && flaws.has('identification-role-check-missing'));
}

/** PLANTED FLAW no-rate-limit: the limiter "got in the way of load tests" and was left off. */
function rateLimited(op: ContractOperation, perMinute: number, flaws: ReadonlySet<PlantedFlaw>): boolean {
  return RATE_LIMITED.has(op.operationId) && perMinute > 0 && !flaws.has('no-rate-limit');
}

function registerRoute(
  app: FastifyInstance,
  op: ContractOperation,
  handler: Handler,
  auth: TokenVerifier,
  perMinute: number,
  flaws: ReadonlySet<PlantedFlaw>,
): void {
  const body = op.body ? compileRequestSchema(op.body, 'body') : null;
  const query = op.query ? compileRequestSchema(op.query, 'querystring') : null;
  const limited = rateLimited(op, perMinute, flaws);
  const roleChecked = checksRole(op, flaws);
  app.route({
    method: op.method,
    url: op.path,
    config: limited ? { rateLimit: { max: perMinute, timeWindow: 60_000 } } : {},
    onRequest: async (req) => {
      req.operationId = op.operationId;
      if (op.access === 'public') return;
      req.actor = await auth(req.headers.authorization);
      if (roleChecked && !mayCall(req.actor.role, op.operationId))
        throw new HttpError(403, 'forbidden', `role ${req.actor.role} may not call ${op.operationId}`);
    },
    preValidation: async (req) => {
      if (req.isMultipart()) {
        if (!op.multipart)
          throw new HttpError(415, 'unsupported-media-type', `send ${op.operationId} as application/json`);
        req.body = multipartToJson((req.body ?? {}) as Parameters<typeof multipartToJson>[0]);
      }
      if (query && !query(req.query ?? {})) throw requestProblem(query.errors, 'querystring');
      if (!query && req.query && Object.keys(req.query).length > 0)
        throw new HttpError(400, 'unknown-field', `${op.operationId} takes no query parameters`);
      if (body && !body(req.body)) throw requestProblem(body.errors, 'body');
      if (!body && req.body !== undefined && req.body !== null)
        throw new HttpError(400, 'unknown-field', `${op.operationId} takes no request body`);
      if (op.idempotencyKey === 'required') {
        const key = req.headers['idempotency-key'];
        if (key === undefined)
          throw new HttpError(
            400,
            'missing-idempotency-key',
            `${op.operationId} needs an Idempotency-Key header`,
          );
        if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))
          throw new HttpError(
            400,
            'invalid-request',
            'Idempotency-Key must be 16 to 128 characters of A-Z a-z 0-9 _ -',
          );
      }
    },
    handler: async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const result = await handler({
        body: req.body,
        query: (req.query ?? {}) as Record<string, unknown>,
        actor: req.actor,
        idempotencyKey: typeof key === 'string' ? key : undefined,
      });
      reply.code(result.status ?? op.successStatus);
      if (result.contentType) reply.type(result.contentType);
      return result.body;
    },
  });
}

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  name?: string;
}

/** Every failure as one HttpError; messages are ours, never the parser's (which quote the body). */
function toHttpError(error: unknown, req: FastifyRequest, log: Logger): HttpError {
  if (error instanceof HttpError) return error;
  if (isDomainError(error))
    return new HttpError(DOMAIN_ERROR_STATUS[error.code] ?? 400, error.code, scrub(error.message));
  const e = (error ?? {}) as FastifyLikeError;
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, 'payload-too-large', 'the body is larger than the limit of this service');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpError(415, 'unsupported-media-type', 'send the body as application/json');
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new HttpError(
        413,
        'payload-too-large',
        'a multipart part, or the number of parts, is over the limit',
      );
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new HttpError(
        415,
        'unsupported-media-type',
        'send the body as application/json or multipart/form-data',
      );
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new HttpError(400, 'malformed-json', "the 'application' part is not valid JSON");
    case 'FST_PROTO_VIOLATION':
      return new HttpError(400, 'invalid-request', 'a multipart field name is not allowed');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new HttpError(400, 'malformed-json', 'the body is not valid JSON');
  }
  if (e.statusCode === 400 && (e.name === 'SyntaxError' || /JSON/i.test(String(e.code ?? ''))))
    return new HttpError(400, 'malformed-json', 'the body is not valid JSON');
  if (e.statusCode === 413)
    return new HttpError(413, 'payload-too-large', 'the body is larger than the limit of this service');
  if (e.statusCode === 415)
    return new HttpError(415, 'unsupported-media-type', 'send the body as application/json');
  if (e.statusCode === 400) return new HttpError(400, 'invalid-request', 'the request is malformed');
  log({
    level: 'error',
    event: 'http.unexpected-error',
    requestId: req.id,
    operation: req.operationId ?? 'unmatched',
    errorClass: e.name ?? typeof error,
    errorCode: typeof e.code === 'string' ? e.code : null,
  });
  return new HttpError(500, 'internal-error', 'an unexpected failure; nothing was written');
}

async function sendError(e: HttpError, req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  reply.code(e.statusCode).headers(e.headers).type('application/json; charset=utf-8');
  // Messages are ours, but may quote a field name the client chose: scrub them like a log line.
  return { ...errorBody(e, req.id), message: scrub(e.message) };
}
