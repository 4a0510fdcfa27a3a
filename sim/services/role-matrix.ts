import { PERMISSIONS } from '../reference/permissions.ts';
import type { Role } from '../reference/types.ts';

/** The contract's operations (OpenAPI operationIds) that the reference serves. */
export type OperationId =
  | 'enrol'
  | 'verify'
  | 'identify'
  | 'resolveSubject'
  | 'lookupResident'
  | 'getDocumentStatus'
  | 'reportDocument'
  | 'recordDeath'
  | 'exportAudit'
  | 'verifyAuditChain'
  | 'getMetrics'
  | 'getHealth'
  | 'getContractInfo';

export type Access = readonly Role[] | 'public';

/**
 * Role × endpoint: who may call what, as data. Domain operations take their roles from the
 * domain's own table (sim/reference/permissions.ts) so the HTTP layer and the domain cannot drift;
 * the server refuses to start when the contract's `security` says otherwise.
 */
export const ROLE_MATRIX: Readonly<Record<OperationId, Access>> = {
  enrol: PERMISSIONS.enrol,
  verify: PERMISSIONS.verify,
  identify: PERMISSIONS.identify,
  resolveSubject: PERMISSIONS['resolve-subject'],
  lookupResident: PERMISSIONS['lookup-resident'],
  getDocumentStatus: PERMISSIONS['document-status'],
  reportDocument: PERMISSIONS['report-document'],
  recordDeath: PERMISSIONS['record-death'],
  exportAudit: PERMISSIONS['audit-export'],
  verifyAuditChain: PERMISSIONS['audit-verify'],
  // Operational figures without personal data: the certifier checks them, the auditor reviews them.
  getMetrics: ['certifier', 'auditor'],
  getHealth: 'public',
  getContractInfo: 'public',
};

export function isOperationId(s: string): s is OperationId {
  return Object.hasOwn(ROLE_MATRIX, s);
}

export function mayCall(role: Role, operation: OperationId): boolean {
  const access = ROLE_MATRIX[operation];
  return access === 'public' || access.includes(role);
}
