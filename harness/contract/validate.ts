import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';

type AddFormats = (ajv: Ajv2020) => Ajv2020;
// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped in `default`.
const addFormats: AddFormats =
  (formatsModule as unknown as { default?: AddFormats }).default ?? (formatsModule as unknown as AddFormats);

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);

const compiled = new Map<string, ValidateFunction>();

/** Compiles (once) a JSON Schema stored in harness/contract/ by its file name. */
export function schemaValidator(file: string): ValidateFunction {
  let v = compiled.get(file);
  if (!v) {
    const schema = JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')) as object;
    v = ajv.compile(schema);
    compiled.set(file, v);
  }
  return v;
}

/** One line per ajv error, naming the field: "/iin must match pattern …". */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join('; ');
}

/** Validates `data` against a contract schema; throws an Error naming every bad field. */
export function assertValid(file: string, data: unknown): void {
  const v = schemaValidator(file);
  if (!v(data)) throw new Error(`${file}: ${describeErrors(v.errors)}`);
}
