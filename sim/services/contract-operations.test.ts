import { describe, expect, it } from 'vitest';
import { contractOperations, inline } from './contract-operations.ts';
import { type OperationId, ROLE_MATRIX } from './role-matrix.ts';

/** A minimal contract with every operation the server serves, with the matrix's roles. */
function contract(): {
  openapi: string;
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: object;
} {
  const paths: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [id, access] of Object.entries(ROLE_MATRIX)) {
    paths[`/v1/${id}`] = {
      post: {
        operationId: id,
        security: access === 'public' ? [] : access.map((r) => ({ bearerJwt: [r] })),
        responses: { 200: { description: 'ok' } },
      },
    };
  }
  paths['/v1/enrol'].post.parameters = [{ $ref: '#/components/parameters/Key' }];
  paths['/v1/enrol'].post.requestBody = {
    content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } },
  };
  return {
    openapi: '3.1.0',
    paths,
    components: {
      parameters: {
        Key: { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } },
      },
      schemas: {
        A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
        B: { type: 'integer' },
      },
    },
  };
}

describe('routes from the contract', () => {
  it('reads method, path, roles, idempotency and inlined schemas', () => {
    const ops = contractOperations(contract());
    const enrol = ops.find((o) => o.operationId === 'enrol');
    expect(enrol).toMatchObject({
      method: 'POST',
      path: '/v1/enrol',
      idempotencyKey: 'required',
      successStatus: 200,
    });
    expect(enrol?.body).toEqual({ type: 'object', properties: { b: { type: 'integer' } } });
    expect(ops.find((o) => o.operationId === 'getHealth')?.access).toBe('public');
  });

  it('refuses a contract whose roles differ from the role matrix', () => {
    const c = contract();
    c.paths['/v1/identify'].post.security = [
      { bearerJwt: ['identification-officer'] },
      { bearerJwt: ['auditor'] },
    ];
    expect(() => contractOperations(c)).toThrow(/lets \[identification-officer, auditor\] call identify/);
  });

  it('refuses operations without stated security, without a handler, or missing', () => {
    const noSecurity = contract();
    delete noSecurity.paths['/v1/verify'].post.security;
    expect(() => contractOperations(noSecurity)).toThrow(/verify must state its security/);
    const extra = contract();
    extra.paths['/v1/x'] = { get: { operationId: 'deleteEverything', security: [], responses: { 200: {} } } };
    expect(() => contractOperations(extra)).toThrow(/deleteEverything .* has no handler/);
    const missing = contract();
    delete missing.paths[`/v1/${'getMetrics' satisfies OperationId}`];
    expect(() => contractOperations(missing)).toThrow(/lacks operations the server serves: getMetrics/);
    expect(() => contractOperations({ openapi: '3.0.3', paths: {} })).toThrow(/OpenAPI 3.1/);
  });

  it('stops on a reference that points nowhere or loops', () => {
    expect(() => inline({}, { $ref: '#/components/schemas/Nope' })).toThrow(/points nowhere/);
    const loop = { components: { schemas: { L: { items: { $ref: '#/components/schemas/L' } } } } };
    expect(() => inline(loop, { $ref: '#/components/schemas/L' })).toThrow(/nest too deeply/);
  });
});
