import type { SuiteEvidence } from '../certify/certification-suite.ts';
import type { Role } from '../targets/reference-api-types.ts';
import { allowed, CONTRACT_ROLES, contractAccess, type OperationAccess } from './contract-access.ts';
import {
  answer,
  changedTables,
  evidence,
  idempotencyKey,
  rawClient,
  type SecurityRun,
  storageDigest,
} from './security-fixtures.ts';
import { type EnrolledSubject, unknownDocumentNumber, unknownSubjectId } from './security-subjects.ts';

const TEST = 'security/role-matrix';

export interface MatrixSubjects {
  /** Enrolled: the person reads and 1:1 / 1:N probes are about. */
  known: EnrolledSubject;
  /** Never enrolled: a forbidden enrolment of this person would be a write. */
  fresh: EnrolledSubject['request'];
  knownSubjectId: string | null;
}

/**
 * A request of the right shape for each operation. A forbidden role gets requests that would change
 * real data if obeyed (enrol a new person, report the known person's document lost); an allowed
 * role gets ones that leave the state alone where the operation is a write.
 */
export function sampleRequest(
  run: SecurityRun,
  op: string,
  s: MatrixSubjects,
  forbidden: boolean,
): { body?: unknown; write: boolean } {
  const k = s.known;
  switch (op) {
    case 'enrol':
      return { body: s.fresh, write: true };
    case 'verify':
      return { body: { iin: k.resident.iin, fingerprints: k.probe }, write: false };
    case 'identify':
      return {
        body: { purpose: 'role matrix check', caseReference: 'SEC-RM-1', fingerprints: k.probe },
        write: false,
      };
    case 'resolveSubject':
      return {
        body: {
          subjectId: s.knownSubjectId ?? unknownSubjectId(run.seed, 'role-matrix'),
          purpose: 'role matrix check',
          caseReference: 'SEC-RM-1',
        },
        write: false,
      };
    case 'lookupResident':
      return { body: { iin: k.resident.iin }, write: false };
    case 'getDocumentStatus':
      return {
        body: { documentNumber: k.documentNumber ?? unknownDocumentNumber(run.seed, 'rm') },
        write: false,
      };
    case 'reportDocument':
      return {
        body: {
          documentNumber:
            forbidden && k.documentNumber ? k.documentNumber : unknownDocumentNumber(run.seed, 'rm-report'),
          event: 'lost',
          date: run.day,
        },
        write: true,
      };
    default:
      return { write: false };
  }
}

interface Cell {
  operation: string;
  role: Role;
  expected: 'allowed' | 'forbidden';
  answer: string;
  ok: boolean;
}

async function call(run: SecurityRun, op: OperationAccess, role: Role, s: MatrixSubjects): Promise<Cell> {
  const forbidden = !allowed(op, role);
  const req = sampleRequest(run, op.operationId, s, forbidden);
  const res = await rawClient(run.target, role).call(
    op.operationId,
    req.body,
    op.write ? { idempotencyKey: idempotencyKey(run.seed, 'role-matrix', op.operationId, role) } : undefined,
  );
  const ok = forbidden ? res.status === 403 : res.status !== 401 && res.status !== 403;
  return {
    operation: op.operationId,
    role,
    expected: forbidden ? 'forbidden' : 'allowed',
    answer: answer(res),
    ok,
  };
}

/**
 * Every role × every protected operation of the contract: a role the contract does not list gets
 * 403 and nothing is written (all forbidden calls first, storage compared around them); a listed
 * role gets past access control (neither 401 nor 403).
 */
export async function roleMatrix(run: SecurityRun, s: MatrixSubjects): Promise<SuiteEvidence[]> {
  const ops = contractAccess().filter((o) => o.access !== 'public');
  const cells: Cell[] = [];
  const before = await storageDigest(run.target);
  for (const op of ops)
    for (const role of CONTRACT_ROLES) if (!allowed(op, role)) cells.push(await call(run, op, role, s));
  const written = changedTables(before, await storageDigest(run.target));
  for (const op of ops)
    for (const role of CONTRACT_ROLES) if (allowed(op, role)) cells.push(await call(run, op, role, s));
  const wrong = cells.filter((c) => !c.ok);
  const details = {
    cells: cells.length,
    wrong,
    writtenByForbiddenCalls: written,
    storageCompared: before !== null,
  };
  const forbiddenCount = cells.filter((c) => c.expected === 'forbidden').length;
  if (wrong.length > 0 || written.length > 0) {
    const parts = [
      ...wrong.slice(0, 6).map((c) => `${c.role} → ${c.operation}: ${c.answer} (expected ${c.expected})`),
      ...(written.length > 0 ? [`forbidden calls changed ${written.join(', ')}`] : []),
    ];
    return [
      evidence.fail(
        TEST,
        `${wrong.length} of ${cells.length} role × operation cells wrong: ${parts.join('; ')}`,
        { details },
      ),
    ];
  }
  return [
    evidence.pass(
      TEST,
      `${cells.length} role × operation cells as the contract says (${forbiddenCount} forbidden: 403${before ? ', nothing written' : ''})`,
      { details },
    ),
  ];
}
