import { type Access, isOperationId, type OperationId, ROLE_MATRIX } from './role-matrix.ts';

/** One operation of the OpenAPI contract, in the shape the server registers a route from. */
export interface ContractOperation {
  operationId: OperationId;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path template, e.g. /v1/enrolments. */
  path: string;
  /** Who may call it, from the operation's `security` (one requirement per role; [] = public). */
  access: Access;
  idempotencyKey: 'required' | 'absent';
  /** JSON Schemas with every `#/components/...` reference inlined. */
  body?: object;
  query?: object;
  /** Whether the body may also come as multipart/form-data (fingerprints as binary parts). */
  multipart: boolean;
  /** Status of a successful answer (the one 2xx the contract declares). */
  successStatus: number;
}

type Json = Record<string, unknown>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Reads the routes out of the contract document (passed in as data: sim never imports harness).
 * Throws when the document and the server's role matrix disagree, or an operation has no handler,
 * so the contract and the reference cannot drift apart silently.
 */
export function contractOperations(contract: unknown): ContractOperation[] {
  const doc = contract as Json;
  if (typeof doc?.openapi !== 'string' || !doc.openapi.startsWith('3.1'))
    throw new Error('the contract must be an OpenAPI 3.1 document');
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  const ops: ContractOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (op) ops.push(operation(doc, path, method, op));
    }
  }
  const served = new Set(ops.map((o) => o.operationId));
  const missing = Object.keys(ROLE_MATRIX).filter((id) => !served.has(id as OperationId));
  if (missing.length > 0)
    throw new Error(`the contract lacks operations the server serves: ${missing.join(', ')}`);
  return ops;
}

function operation(doc: Json, path: string, method: (typeof METHODS)[number], op: Json): ContractOperation {
  const id = String(op.operationId);
  if (!isOperationId(id))
    throw new Error(`the contract's operation ${id} (${method} ${path}) has no handler`);
  const access = accessOf(id, op.security);
  const expected = ROLE_MATRIX[id];
  if (!sameAccess(access, expected))
    throw new Error(
      `the contract lets ${describe(access)} call ${id} but the role matrix says ${describe(expected)}`,
    );
  const params = ((op.parameters ?? []) as Json[]).map((p) => resolve(doc, p) as Json);
  const idem = params.some((p) => p.in === 'header' && String(p.name).toLowerCase() === 'idempotency-key');
  const query = params.filter((p) => p.in === 'query');
  const content = op.requestBody ? ((resolve(doc, op.requestBody) as Json).content as Json) : {};
  const body = (content['application/json'] as Json | undefined)?.schema;
  const success = Object.keys(op.responses as Json).find((s) => /^2\d\d$/.test(s));
  if (!success) throw new Error(`the contract's operation ${id} declares no 2xx response`);
  return {
    operationId: id,
    method: method.toUpperCase() as ContractOperation['method'],
    path,
    access,
    idempotencyKey: idem ? 'required' : 'absent',
    body: body === undefined ? undefined : (inline(doc, body) as object),
    query: query.length === 0 ? undefined : querySchema(doc, query),
    multipart: 'multipart/form-data' in content,
    successStatus: Number(success),
  };
}

function accessOf(id: string, security: unknown): Access {
  if (!Array.isArray(security))
    throw new Error(`the contract's operation ${id} must state its security ([] = public)`);
  if (security.length === 0) return 'public';
  return security.flatMap((req: Json) => Object.values(req).flat() as string[]) as unknown as Access;
}

function sameAccess(a: Access, b: Access): boolean {
  if (a === 'public' || b === 'public') return a === b;
  return a.length === b.length && a.every((r) => b.includes(r));
}

function describe(a: Access): string {
  return a === 'public' ? 'everyone' : `[${a.join(', ')}]`;
}

function querySchema(doc: Json, params: Json[]): object {
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(params.map((p) => [p.name, inline(doc, p.schema)])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
}

/** Follows a local `$ref` (#/components/...) one step. */
function resolve(doc: Json, node: unknown): unknown {
  const ref = (node as Json | null)?.$ref;
  if (typeof ref !== 'string') return node;
  if (!ref.startsWith('#/')) throw new Error(`only local references are supported, got ${ref}`);
  let at: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    at = (at as Json)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')];
    if (at === undefined) throw new Error(`the contract's reference ${ref} points nowhere`);
  }
  return at;
}

/** A schema with every local reference replaced by its target (the contract's schemas are not recursive). */
export function inline(doc: unknown, schema: unknown, depth = 0): unknown {
  if (depth > 32) throw new Error("the contract's schemas nest too deeply (a recursive $ref?)");
  if (Array.isArray(schema)) return schema.map((s) => inline(doc, s, depth + 1));
  if (schema === null || typeof schema !== 'object') return schema;
  const s = schema as Json;
  if (typeof s.$ref === 'string') {
    const { $ref: _ref, ...rest } = s;
    const target = inline(doc, resolve(doc as Json, s), depth + 1) as Json;
    return Object.keys(rest).length === 0
      ? target
      : { allOf: [target], ...(inline(doc, rest, depth + 1) as Json) };
  }
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, inline(doc, v, depth + 1)]));
}
