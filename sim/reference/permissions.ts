import { DomainError } from './domain-error.ts';
import type { Actor, Role } from './types.ts';

export type Operation =
  | 'enrol'
  | 'verify'
  | 'identify'
  | 'resolve-subject'
  | 'lookup-resident'
  | 'report-document'
  | 'document-status'
  | 'record-death'
  | 'audit-export'
  | 'audit-verify';

/**
 * Which role may do what: least privilege. Enrolment and recovery belong to the offices that take
 * applications; 1:N identification and resolution to the identification officer; 1:1 also to the
 * border officer, who otherwise sees a document's status only; the audit to the auditor. The
 * certifier verifies the audit chain; its suites act through the operational roles' credentials.
 */
export const PERMISSIONS: Readonly<Record<Operation, readonly Role[]>> = {
  enrol: ['psc-operator', 'consulate-officer'],
  verify: ['psc-operator', 'consulate-officer', 'border-officer', 'certifier'],
  identify: ['identification-officer'],
  'resolve-subject': ['identification-officer'],
  // An IIN lookup by the identification officer would bypass the audited, purpose-stated resolution.
  'lookup-resident': ['psc-operator', 'consulate-officer'],
  'report-document': ['psc-operator', 'consulate-officer'],
  'document-status': ['psc-operator', 'consulate-officer', 'border-officer'],
  'record-death': ['psc-operator'],
  'audit-export': ['auditor'],
  'audit-verify': ['auditor', 'certifier'],
};

export function allowed(role: Role, op: Operation): boolean {
  return PERMISSIONS[op].includes(role);
}

/** The request names an operator (any role); what every operation needs before its role is checked. */
export function requireOperator(actor: Actor): void {
  if (!actor || typeof actor.id !== 'string' || actor.id.length === 0)
    throw new DomainError('forbidden', 'the request names no operator');
}

export function authorise(actor: Actor, op: Operation): void {
  requireOperator(actor);
  if (!allowed(actor.role, op)) throw new DomainError('forbidden', `role ${actor.role} may not ${op}`);
}
