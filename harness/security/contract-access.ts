import { referenceApiContract } from '../contract/reference-api.ts';
import type { Role } from '../targets/reference-api-types.ts';

export const CONTRACT_ROLES: readonly Role[] = [
  'psc-operator',
  'consulate-officer',
  'identification-officer',
  'border-officer',
  'auditor',
  'certifier',
];

/** One operation of the contract and who may call it, as its `security` section says. */
export interface OperationAccess {
  operationId: string;
  method: string;
  path: string;
  /** Roles allowed; `public` for `security: []`. */
  access: readonly Role[] | 'public';
  /** The operation takes an Idempotency-Key (a write). */
  write: boolean;
}

type Json = Record<string, unknown>;

function rolesOf(security: unknown, operationId: string): readonly Role[] | 'public' {
  if (!Array.isArray(security))
    throw new Error(`the contract's ${operationId} has no security section: its access cannot be tested`);
  if (security.length === 0) return 'public';
  const roles = security.flatMap((alt: Json) => Object.values(alt).flat() as string[]);
  for (const r of roles)
    if (!(CONTRACT_ROLES as readonly string[]).includes(r))
      throw new Error(`the contract's ${operationId} names an unknown role '${r}'`);
  return roles as Role[];
}

/** The role × operation matrix of the contract (harness/contract/reference-api.openapi.json). */
export function contractAccess(): OperationAccess[] {
  const doc = referenceApiContract();
  const out: OperationAccess[] = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(item)) {
      const operationId = op.operationId;
      if (typeof operationId !== 'string') continue;
      const params = (op.parameters ?? []) as Json[];
      const write = params.some((p) => String(p.$ref ?? p.name ?? '').match(/idempotency/i));
      out.push({
        operationId,
        method: method.toUpperCase(),
        path,
        access: rolesOf(op.security, operationId),
        write,
      });
    }
  return out;
}

export function allowed(op: OperationAccess, role: Role): boolean {
  return op.access === 'public' || op.access.includes(role);
}

/** The request body limit the contract states (its 413 response: "… (4 MiB)"), in bytes; null if unstated. */
export function statedBodyLimit(): number | null {
  const doc = referenceApiContract();
  const text = JSON.stringify(doc.paths);
  const m = text.match(/larger than the stated limit \((\d+(?:\.\d+)?) (KiB|MiB)\)/);
  if (!m) return null;
  return Math.round(Number(m[1]) * (m[2] === 'MiB' ? 1024 * 1024 : 1024));
}
