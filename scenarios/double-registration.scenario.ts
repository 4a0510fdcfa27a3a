import { adults, application, canariesOf, prints } from './applicants.ts';
import {
  answerTellsNothing,
  defineScenario,
  vaultHoldsNoPii,
  vaultRows,
  vaultUnchanged,
} from './scenario-kit.ts';

/** A man already enrolled applies for a second ID card under another person's IIN, with his own fingers. */
export const doubleRegistration = defineScenario({
  id: 'scenarios/double-registration',
  title: 'Attempted double registration under another IIN is detected',
  rule: 'SCN-DUP-01, POL-DUP-01: 1:N blocks the second identity; the applicant is not told who matched',
  async plot(p) {
    const { ctx, story, calls } = p;
    const [fraudster, alias] = adults(ctx, 2, 'double registration');

    story.step('the fraudster is enrolled under his own identity');
    const first = await calls.enrol(application(ctx, fraudster, { applicationDate: ctx.asOf }));
    story.require(first.status === 'enrolled', `he was enrolled (got ${first.status})`);
    const card = story.need(first.document, 'his card was issued');

    story.step("he applies under another resident's IIN and name, with his own fingers");
    const before = await vaultRows(ctx);
    const attempt = await calls.enrolAnswer(
      'psc-operator',
      application(ctx, alias, { applicationDate: ctx.asOf, fingersOf: fraudster, impression: 1 }),
    );
    const out = calls.succeeded(attempt, 'enrolment');
    story.expectThat(out.status === 'blocked-duplicate', `the application is blocked (got ${out.status})`);
    story.expectThat(
      typeof out.caseId === 'string' && out.caseId.length > 0,
      'a case is raised for the supervisor',
    );
    story.mustNot(out.document !== undefined, 'a second card is issued');

    story.step('what must not happen: the applicant learning who matched, a second set of prints');
    answerTellsNothing(
      p,
      attempt.raw,
      canariesOf(fraudster, [card.number]),
      'psc-operator',
      'blocked answer',
    );
    const matched = await calls.identify(prints(ctx, fraudster, 2), {
      purpose: 'certification check of a blocked double registration',
      caseReference: 'CERT-DUP-01',
    });
    const ids = matched.candidates.map((c) => c.subjectId);
    story.mustNot(
      ids.some((id) => attempt.raw.includes(id)),
      "the blocked answer carries the matched subject's identifier",
    );
    await vaultUnchanged(p, before, "the alias's application stored prints");
    const v = await calls.verifyAnswer('psc-operator', { iin: alias.iin }, prints(ctx, fraudster, 2));
    story.mustNot(
      v.status === 200 && 'decision' in v.body && v.body.decision === 'match',
      "his fingers verify under the alias's IIN",
    );
    await vaultHoldsNoPii(p, [...canariesOf(fraudster, [card.number]), ...canariesOf(alias)]);
  },
});
