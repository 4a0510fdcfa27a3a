import type { SuiteEvidence } from '../certify/certification-suite.ts';
import type { AuditEntry } from '../targets/reference-api-types.ts';
import { exportAuditEntries, lastAuditSeq } from './audit-export.ts';
import { answer, evidence, rawClient, type SecurityRun } from './security-fixtures.ts';
import { type EnrolledSubject, unknownSubjectId } from './security-subjects.ts';

const TEST = 'security/audit-completeness';

/** One audited act the test performed, and the answer it got. */
export interface AuditedAct {
  kind: 'identify' | 'resolve-found' | 'resolve-repeated' | 'resolve-unknown';
  purpose: string;
  caseReference: string;
  subjectId: string | null;
  answer: string;
}

function problemsOf(act: AuditedAct, entries: AuditEntry[]): string[] {
  const mine = entries.filter((e) => e.caseReference === act.caseReference);
  if (mine.length === 0) return [`${act.kind} (${act.caseReference}): no audit entry`];
  const p: string[] = [];
  if (mine.length > 1) p.push(`${act.kind}: ${mine.length} entries for one act`);
  const e = mine[0];
  if (e.role !== 'identification-officer') p.push(`${act.kind}: role recorded as ${e.role}`);
  if (!e.actorId) p.push(`${act.kind}: no actor recorded`);
  if (e.purpose !== act.purpose) p.push(`${act.kind}: purpose recorded as ${JSON.stringify(e.purpose)}`);
  if (Number.isNaN(Date.parse(e.at))) p.push(`${act.kind}: no valid time`);
  if (act.subjectId && !e.subjects.includes(act.subjectId))
    p.push(`${act.kind}: the resolved subject id is not in the entry`);
  return p;
}

/**
 * SEC-AUD-01: two 1:N searches, a resolution, the same resolution again, and a resolution of a
 * subject id nobody has, each with its own purpose and case reference; the auditor's export must
 * then hold exactly one entry per act with who, role, purpose, time and the subject id.
 */
export async function auditCompleteness(
  run: SecurityRun,
  s: EnrolledSubject,
  subjectId: string,
): Promise<{ evidence: SuiteEvidence[]; acts: AuditedAct[] }> {
  const from = await lastAuditSeq(run.target);
  const io = rawClient(run.target, 'identification-officer');
  const acts: AuditedAct[] = [];
  const plan: [AuditedAct['kind'], string | null][] = [
    ['identify', null],
    ['identify', null],
    ['resolve-found', subjectId],
    ['resolve-repeated', subjectId],
    ['resolve-unknown', unknownSubjectId(run.seed, 'audit-completeness')],
  ];
  for (const [i, [kind, id]] of plan.entries()) {
    const purpose = `certification audit check ${i + 1}`;
    const caseReference = `SEC-AC-${i + 1}`;
    const r =
      kind === 'identify'
        ? await io.identify({ purpose, caseReference, fingerprints: s.probe })
        : await io.resolveSubject({ subjectId: id as string, purpose, caseReference });
    acts.push({ kind, purpose, caseReference, subjectId: id, answer: answer(r) });
  }
  const expected = (a: AuditedAct) =>
    a.kind === 'resolve-unknown' ? a.answer.startsWith('404') : a.answer === '200';
  const unanswered = acts.filter((a) => !expected(a));
  if (unanswered.length > 0)
    return {
      acts,
      evidence: [
        evidence.error(
          TEST,
          'the audited acts did not get their normal answers',
          unanswered.map((a) => `${a.kind}: ${a.answer}`).join('; '),
          { details: { acts } },
        ),
      ],
    };
  const entries = await exportAuditEntries(run.target, from);
  const problems = acts.flatMap((a) => problemsOf(a, entries));
  const details = { acts, entriesAfterStart: entries.length };
  if (problems.length > 0)
    return { acts, evidence: [evidence.fail(TEST, problems.slice(0, 6).join('; '), { details })] };
  return {
    acts,
    evidence: [
      evidence.pass(
        TEST,
        `${acts.length} searches and resolutions (found, repeated, unknown) each gave one audit entry with actor, role, purpose, time and subject`,
        { details },
      ),
    ],
  };
}
