import { readFileSync } from 'node:fs';

/** One operation of the reference API contract, as a load client needs it. */
export interface ContractOperation {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** Roles allowed to call it; empty for a public operation. */
  roles: string[];
  /** Whether the operation takes an Idempotency-Key header. */
  idempotent: boolean;
}

export interface ContractInfo {
  title: string;
  version: string;
  operations: Map<string, ContractOperation>;
}

const CONTRACT_URL = new URL('../../harness/contract/reference-api.openapi.json', import.meta.url);

interface OpenApiOperation {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { $ref?: string; name?: string; in?: string }[];
}

/** Reads the operations of the OpenAPI contract (harness/contract/reference-api.openapi.json). */
export function readContract(url: URL = CONTRACT_URL): ContractInfo {
  const doc = JSON.parse(readFileSync(url, 'utf8')) as {
    info: { title: string; version: string };
    paths: Record<string, Record<string, OpenApiOperation>>;
    components?: { parameters?: Record<string, { name: string; in: string }> };
  };
  const operations = new Map<string, ContractOperation>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || !op.operationId) continue;
      const params = (op.parameters ?? []).map((p) =>
        p.$ref ? doc.components?.parameters?.[p.$ref.split('/').pop() ?? ''] : p,
      );
      operations.set(op.operationId, {
        operationId: op.operationId,
        method: method.toUpperCase() as ContractOperation['method'],
        path,
        roles: (op.security ?? []).flatMap((s) => Object.values(s).flat()),
        idempotent: params.some((p) => p?.in === 'header' && p.name?.toLowerCase() === 'idempotency-key'),
      });
    }
  }
  return { title: doc.info.title, version: doc.info.version, operations };
}
