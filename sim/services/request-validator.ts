import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { HttpError } from './http-error.ts';

type AddFormats = (ajv: Ajv2020) => Ajv2020;
// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped in `default`.
const addFormats: AddFormats =
  (formatsModule as unknown as { default?: AddFormats }).default ?? (formatsModule as unknown as AddFormats);

/**
 * ajv for the contract's JSON Schemas (2020-12): nothing removed or coerced in bodies, so an
 * unknown field is an error rather than silently dropped (fastify's default strips them); query
 * strings are coerced from text to the declared integers.
 */
function makeAjv(coerceTypes: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: false,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    coerceTypes,
    removeAdditional: false,
    useDefaults: false,
  });
  addFormats(ajv);
  return ajv;
}

const bodyAjv = makeAjv(false);
const queryAjv = makeAjv(true);

export type RequestPart = 'body' | 'querystring';

export function compileRequestSchema(schema: object, part: RequestPart): ValidateFunction {
  return (part === 'body' ? bodyAjv : queryAjv).compile(schema);
}

/** The first problem with a request, as an HttpError naming the field (never its value). */
export function requestProblem(errors: ErrorObject[] | null | undefined, part: RequestPart): HttpError {
  const e = errors?.[0];
  const where = `${part === 'body' ? 'body' : 'query'}${e?.instancePath ?? ''}`;
  if (!e) return new HttpError(400, 'invalid-request', `${where} is invalid`);
  if (e.keyword === 'additionalProperties') {
    const field = String((e.params as { additionalProperty: string }).additionalProperty).slice(0, 64);
    return new HttpError(
      400,
      'unknown-field',
      `${where} has a field the contract does not define: '${field}'`,
    );
  }
  if (e.keyword === 'required') {
    const field = (e.params as { missingProperty: string }).missingProperty;
    return new HttpError(400, 'invalid-request', `${where} must have '${field}'`);
  }
  return new HttpError(400, 'invalid-request', `${where} ${e.message ?? 'is invalid'}`);
}
