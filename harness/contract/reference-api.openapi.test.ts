import { describe, expect, it } from 'vitest';
import { ROLES } from '../../sim/reference/types.ts';
import { contractOperations } from '../../sim/services/contract-operations.ts';
import { ROLE_MATRIX } from '../../sim/services/role-matrix.ts';
import { openApiProblems, referenceApiContract } from './reference-api.ts';

describe('reference API contract (harness/contract/reference-api.openapi.json)', () => {
  const doc = referenceApiContract();

  it('is a valid OpenAPI 3.1 document whose schemas are valid JSON Schema 2020-12', () => {
    expect(openApiProblems(doc)).toEqual([]);
  });

  it('the validation can fail: a broken document is reported', () => {
    const broken = structuredClone(doc);
    (broken.paths['/v1/health'].get as Record<string, unknown>).responses = 'none';
    expect(openApiProblems(broken)).not.toEqual([]);
    const badSchema = structuredClone(doc);
    badSchema.components.schemas.Iin = { type: 'string', pattern: '(' };
    expect(openApiProblems(badSchema).join()).toContain('components.schemas.Iin');
    const noRef = structuredClone(doc);
    noRef.components.schemas.Iin = { type: 'strin' };
    expect(openApiProblems(noRef)).not.toEqual([]);
  });

  it('versions every path under /v1 and names every operation', () => {
    const ops = contractOperations(doc);
    expect(ops.length).toBe(Object.keys(ROLE_MATRIX).length);
    for (const op of ops) expect(op.path).toMatch(/^\/v1\//);
  });

  it("states who may call each operation, and it is the server's role matrix", () => {
    for (const op of contractOperations(doc)) {
      expect(op.access).toEqual(ROLE_MATRIX[op.operationId]);
      if (op.access !== 'public') for (const r of op.access) expect(ROLES).toContain(r);
    }
  });

  it('keeps personal data out of URLs: no path or query parameter carries an IIN, name or document number', () => {
    const text = JSON.stringify(doc.paths);
    for (const path of Object.keys(doc.paths)) expect(path).not.toMatch(/\{/);
    expect(text).not.toMatch(/"in":\s*"(path|query)",[^}]*"name":\s*"(iin|documentNumber|surname)"/);
  });

  it('requires an Idempotency-Key on every write that creates or changes state', () => {
    const writes = contractOperations(doc)
      .filter((o) => o.idempotencyKey === 'required')
      .map((o) => o.operationId);
    expect(writes.sort()).toEqual(['enrol', 'recordDeath', 'reportDocument']);
  });

  it('has one error schema, with a closed list of codes, for every 4xx and 5xx', () => {
    for (const item of Object.values(doc.paths)) {
      for (const op of Object.values(item)) {
        for (const [status, r] of Object.entries(op.responses as Record<string, Record<string, unknown>>)) {
          if (Number(status) < 400 || (op.operationId === 'getHealth' && status === '503')) continue;
          expect(JSON.stringify(r.content)).toBe(
            '{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}',
          );
        }
      }
    }
    const error = doc.components.schemas.Error as { required: string[]; additionalProperties: boolean };
    expect(error.required).toEqual(['code', 'message', 'requestId']);
    expect(error.additionalProperties).toBe(false);
  });

  it('never gives the identification role a score or personal data in 1:N answers', () => {
    const fields = (schema: unknown): string[] =>
      JSON.stringify(schema)
        .match(/"[A-Za-z]+"(?=:)/g)
        ?.map((k) => k.slice(1, -1)) ?? [];
    const identification = fields(doc.components.schemas.IdentificationResult);
    expect(identification).toContain('subjectId');
    for (const f of identification) expect(f).not.toMatch(/score|iin|name|birth|document/i);
    for (const f of fields(doc.components.schemas.VerificationResult)) expect(f).not.toMatch(/score/i);
  });
});
