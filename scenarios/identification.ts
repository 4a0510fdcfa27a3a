import type { AuditEntry, IdentificationResult, Person } from '../harness/targets/reference-api-types.ts';
import type { Resident } from '../sim/population/index.ts';
import { canariesOf } from './applicants.ts';
import type { Plot } from './scenario-kit.ts';
import { answerTellsNothing } from './scenario-kit.ts';
import type { Warrant } from './target-calls.ts';

/**
 * The identification officer's 1:N search and the resolution of its first candidate, with what
 * every such story must check: the search answers subject identifiers and ranks only (no scores,
 * no personal data of anyone enrolled), and resolving the candidate is audited with its purpose.
 */
export async function identifyAndResolve(
  p: Plot,
  probe: Parameters<Plot['calls']['identify']>[0],
  warrant: Warrant,
  enrolled: readonly Resident[],
): Promise<{ search: IdentificationResult; person: Person; subjectId: string }> {
  const { story, calls } = p;
  const answer = await calls.identifyAnswer('identification-officer', probe, warrant);
  const search = calls.succeeded(answer, 'identification');
  story.expectThat(
    search.candidates.every((c) => Object.keys(c).every((k) => k === 'rank' || k === 'subjectId')),
    'candidates carry a rank and a subject identifier only (no score)',
  );
  answerTellsNothing(
    p,
    answer.raw,
    enrolled.flatMap((r) => canariesOf(r)),
    'identification-officer',
    'identification answer',
  );
  const first = story.need(
    search.candidates.find((c) => c.rank === 1),
    'the search returns a first candidate',
  );
  const person = await resolveAudited(p, first.subjectId, search.searchId, warrant, enrolled);
  return { search, person, subjectId: first.subjectId };
}

function entriesFor(log: AuditEntry[], subjectId: string, warrant: Warrant): number {
  return log.filter(
    (e) =>
      e.subjects.includes(subjectId) &&
      e.purpose === warrant.purpose &&
      e.caseReference === warrant.caseReference &&
      e.role === 'identification-officer',
  ).length;
}

/**
 * Resolves a subject identifier to the person, and checks with the auditor that the resolution
 * added an entry naming the subject, the purpose and the case, and that what it added names no one.
 */
export async function resolveAudited(
  p: Plot,
  subjectId: string,
  searchId: string | undefined,
  warrant: Warrant,
  people: readonly Resident[],
): Promise<Person> {
  await p.calls.newAuditEntries();
  const person = await p.calls.resolve(subjectId, searchId, warrant);
  const log = await p.calls.newAuditEntries();
  p.story.expectThat(
    entriesFor(log, subjectId, warrant) > 0,
    'the audit log records the resolution with its purpose and case reference',
  );
  answerTellsNothing(
    p,
    JSON.stringify(log),
    people.flatMap((r) => canariesOf(r)),
    'auditor',
    'audit log',
  );
  return person;
}
