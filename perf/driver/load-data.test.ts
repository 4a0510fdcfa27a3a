import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { referenceApiContract } from '../../harness/contract/reference-api.ts';
import { describeErrors } from '../../harness/contract/validate.ts';
import { validateIin } from '../../sim/population/index.ts';
import { inline } from '../../sim/services/contract-operations.ts';
import { readContract } from './contract-operations.ts';
import { loadData } from './load-data.ts';
import { readProfile, shippedProfiles } from './profile-file.ts';

type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats: AddFormats =
  (formatsModule as unknown as { default?: AddFormats }).default ?? (formatsModule as unknown as AddFormats);

describe('load data', () => {
  const contract = readContract();

  it('every shipped profile is valid and names only operations of the contract', () => {
    expect(shippedProfiles()).toEqual(['identification', 'psc-day', 'smoke', 'verification-peak']);
    for (const name of shippedProfiles()) expect(readProfile(name, contract).name).toBe(name);
  });

  it("every prepared request body is valid against the contract's request schema", () => {
    const doc = referenceApiContract();
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
    addFormats(ajv);
    const data = loadData(readProfile('smoke'), contract, 'contract-check');
    const ops = { ...data.manifest.operations, setup: data.manifest.setup };
    let checked = 0;
    for (const [id, op] of Object.entries(ops)) {
      if (!op) continue;
      const schema = (
        doc.paths[op.path][op.method.toLowerCase()] as {
          requestBody?: { content: { 'application/json': { schema: object } } };
        }
      ).requestBody?.content['application/json'].schema;
      const validate = schema ? ajv.compile(inline(doc, schema) as object) : null;
      for (const r of data.files.get(op.file) ?? []) {
        if (!validate) {
          expect(r.body, id).toBeUndefined();
          continue;
        }
        expect(validate(r.body), `${id}: ${describeErrors(validate.errors)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('uses valid IINs, disjoint setup and fresh residents, and the same bytes for the same seed', () => {
    const profile = { ...readProfile('psc-day'), dataset: { residents: 25 } };
    const a = loadData(profile, contract, 's1');
    const b = loadData(profile, contract, 's1');
    const c = loadData(profile, contract, 's2');
    const iins = (file: string) =>
      (a.files.get(file) ?? []).map((r) => (r.body as { applicant: { iin: string } }).applicant.iin);
    const setup = iins('setup-enrol.ndjson');
    const fresh = iins('enrol.ndjson');
    expect(setup.length).toBe(25);
    expect(fresh.filter((i) => setup.includes(i))).toEqual([]);
    for (const iin of [...setup, ...fresh]) expect(validateIin(iin).valid).toBe(true);
    expect(JSON.stringify([...a.files])).toBe(JSON.stringify([...b.files]));
    expect(JSON.stringify([...a.files])).not.toBe(JSON.stringify([...c.files]));
    expect(a.manifest.seed).toBe('s1');
  });
});
