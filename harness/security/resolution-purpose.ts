import type { SuiteEvidence } from '../certify/certification-suite.ts';
import type { Role } from '../targets/reference-api-types.ts';
import { allowed, CONTRACT_ROLES, contractAccess } from './contract-access.ts';
import { answer, evidence, rawClient, type SecurityRun } from './security-fixtures.ts';
import type { EnrolledSubject } from './security-subjects.ts';

const TEST = 'security/resolution-purpose';

interface Attempt {
  what: string;
  role: Role;
  answer: string;
  ok: boolean;
}

/**
 * Re-association of a subject id with a person (SEC-ACL-02): the 1:N search that yields subject
 * ids and the resolution that names the person are refused to every role the contract does not
 * list, and a resolution without a purpose, without a case reference, or with personal data in
 * its purpose is refused (4xx) even to the identification officer. A resolution with a proper
 * purpose must work, or the refusals prove nothing.
 */
export async function resolutionPurpose(
  run: SecurityRun,
  s: EnrolledSubject,
  subjectId: string | null,
): Promise<SuiteEvidence[]> {
  if (!subjectId)
    return [
      evidence.error(
        TEST,
        'could not obtain a subject id to resolve',
        'a 1:N search with an enrolled subject’s fresh print returned no rank-1 candidate as the identification officer',
      ),
    ];
  const access = new Map(contractAccess().map((o) => [o.operationId, o]));
  const attempts: Attempt[] = [];
  const good = { subjectId, purpose: 'certification: resolution check', caseReference: 'SEC-RP-1' };
  for (const role of CONTRACT_ROLES) {
    const identify = access.get('identify');
    if (identify && !allowed(identify, role)) {
      const r = await rawClient(run.target, role).identify({
        purpose: 'unauthorised search',
        caseReference: 'SEC-RP-2',
        fingerprints: s.probe,
      });
      attempts.push({ what: 'identify by an unlisted role', role, answer: answer(r), ok: r.status === 403 });
    }
    const resolve = access.get('resolveSubject');
    if (resolve && !allowed(resolve, role)) {
      const r = await rawClient(run.target, role).resolveSubject(good);
      attempts.push({ what: 'resolve by an unlisted role', role, answer: answer(r), ok: r.status === 403 });
    }
  }
  const officer: Role = 'identification-officer';
  const io = rawClient(run.target, officer);
  const bad: [string, Record<string, unknown>][] = [
    ['no purpose', { subjectId, caseReference: 'SEC-RP-3' }],
    ['empty purpose', { subjectId, purpose: '', caseReference: 'SEC-RP-4' }],
    ['no case reference', { subjectId, purpose: 'certification: resolution check' }],
    ['the IIN as purpose', { subjectId, purpose: `check ${s.resident.iin}`, caseReference: 'SEC-RP-5' }],
  ];
  for (const [what, body] of bad) {
    const r = await io.call('resolveSubject', body);
    attempts.push({ what, role: officer, answer: answer(r), ok: r.status >= 400 && r.status < 500 });
  }
  const control = await io.resolveSubject(good);
  const details = { attempts, control: answer(control) };
  const wrong = attempts.filter((a) => !a.ok);
  if (wrong.length > 0)
    return [
      evidence.fail(
        TEST,
        `${wrong.length} of ${attempts.length} unjustified or unauthorised re-associations not refused: ${wrong
          .slice(0, 5)
          .map((a) => `${a.what} (${a.role}): ${a.answer}`)
          .join('; ')}`,
        { details },
      ),
    ];
  if (control.status !== 200)
    return [
      evidence.error(
        TEST,
        'the refusals cannot be told from a broken resolution',
        `a resolution by the identification officer with a purpose and case reference answered ${answer(control)}`,
        { details },
      ),
    ];
  return [
    evidence.pass(
      TEST,
      `${attempts.length} unauthorised or unjustified searches and resolutions refused; a justified one answered 200`,
      { details },
    ),
  ];
}
