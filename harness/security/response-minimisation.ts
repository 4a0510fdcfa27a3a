import type { SuiteEvidence } from '../certify/certification-suite.ts';
import { responseProblems } from '../contract/reference-api.ts';
import { findLeaks } from '../targets/pii-canary.ts';
import type { ApiResponse } from '../targets/reference-api-client.ts';
import type { Role } from '../targets/reference-api-types.ts';
import { canaryValues, evidence, rawClient, type SecurityRun } from './security-fixtures.ts';
import type { EnrolledSubject } from './security-subjects.ts';

const TEST = 'security/response-minimisation';

interface Observation {
  operation: string;
  role: Role | 'anyone';
  status: number;
  problems: string[];
}

/** Members a response of each operation may carry beyond the contract schema's own check. */
function extraProblems(op: string, body: unknown, raw: string, canaries: string[]): string[] {
  const problems: string[] = [];
  if (/"(score|similarity|distance|threshold|confidence)"\s*:/i.test(raw))
    problems.push('carries a score-like member');
  const piiFree = ['verify', 'identify', 'getDocumentStatus', 'enrol', 'getHealth'];
  if (piiFree.includes(op)) {
    const leaks = findLeaks(canaries, { body: raw });
    if (leaks.length > 0) problems.push(`carries personal data (${leaks.length} canary forms)`);
  }
  if (op === 'lookupResident' && body && typeof body === 'object' && 'subjectId' in body)
    problems.push('a registry lookup reveals the vault subject id (only a justified resolution may)');
  return problems;
}

/**
 * Each role's successful answers carry only what the contract grants: the response validates against
 * the operation's schema (which forbids other members), 1:1 is a decision without a score, 1:N is
 * subject ids and ranks without personal data, a document status names no person, and a registry
 * lookup by an office does not hand out the vault's subject id.
 */
export async function responseMinimisation(
  run: SecurityRun,
  s: EnrolledSubject,
  subjectId: string | null,
): Promise<SuiteEvidence[]> {
  const canaries = canaryValues([s.resident]);
  const k = s.resident;
  const calls: [
    Role | 'anyone',
    string,
    (c: ReturnType<typeof rawClient>) => Promise<ApiResponse<unknown>>,
  ][] = [
    ['psc-operator', 'verify', (c) => c.verify({ iin: k.iin, fingerprints: s.probe })],
    ['border-officer', 'verify', (c) => c.verify({ iin: k.iin, fingerprints: s.probe })],
    ['certifier', 'verify', (c) => c.verify({ iin: k.iin, fingerprints: s.probe })],
    [
      'identification-officer',
      'identify',
      (c) => c.identify({ purpose: 'minimisation check', caseReference: 'SEC-RM-2', fingerprints: s.probe }),
    ],
    ['psc-operator', 'lookupResident', (c) => c.lookupResident(k.iin)],
    ['consulate-officer', 'lookupResident', (c) => c.lookupResident(k.iin)],
    ['anyone', 'getHealth', (c) => c.getHealth()],
  ];
  if (s.documentNumber) {
    const doc = s.documentNumber;
    for (const role of ['border-officer', 'psc-operator'] as Role[])
      calls.push([role, 'getDocumentStatus', (c) => c.getDocumentStatus(doc)]);
  }
  if (subjectId)
    calls.push([
      'identification-officer',
      'resolveSubject',
      (c) => c.resolveSubject({ subjectId, purpose: 'minimisation check', caseReference: 'SEC-RM-3' }),
    ]);
  const seen: Observation[] = [];
  for (const [role, op, send] of calls) {
    const client = role === 'anyone' ? rawClient(run.target) : rawClient(run.target, role);
    const r = await send(client);
    const problems =
      r.status >= 200 && r.status < 300
        ? [
            ...responseProblems(op, {
              status: r.status,
              contentType: r.headers['content-type'],
              body: r.body,
            }),
            ...extraProblems(op, r.body, r.raw, canaries),
          ]
        : [];
    seen.push({ operation: op, role, status: r.status, problems });
  }
  const answered = seen.filter((o) => o.status >= 200 && o.status < 300);
  const bad = seen.filter((o) => o.problems.length > 0);
  const details = { observations: seen };
  if (bad.length > 0)
    return [
      evidence.fail(
        TEST,
        `${bad.length} responses carry more than the role needs: ${bad
          .slice(0, 4)
          .map((o) => `${o.operation} as ${o.role}: ${o.problems.join(', ')}`)
          .join('; ')}`,
        { details },
      ),
    ];
  if (answered.length < seen.length)
    return [
      evidence.error(
        TEST,
        `${seen.length - answered.length} of ${seen.length} allowed calls did not answer 2xx`,
        `without their answers the minimisation cannot be judged: ${seen
          .filter((o) => o.status >= 300)
          .map((o) => `${o.operation} as ${o.role}: ${o.status}`)
          .join('; ')}`,
        { details },
      ),
    ];
  return [
    evidence.pass(TEST, `${answered.length} answers to 5 roles carry only what the contract grants`, {
      details,
    }),
  ];
}
