import { adults, application, canariesOf, prints } from './applicants.ts';
import { answerTellsNothing, defineScenario, vaultHoldsNoPii } from './scenario-kit.ts';

/** A traveller crosses the border; the border officer checks the passport holder's prints 1:1. */
export const borderCrossing = defineScenario({
  id: 'scenarios/border-crossing',
  title: 'Border crossing verification returns a decision only',
  rule: 'SCN-BRD-01: the border officer gets match or no match: no score, no personal data, no 1:N',
  async plot(p) {
    const { ctx, story, calls } = p;
    const [traveller, impostor] = adults(ctx, 2, 'border crossing');
    const people = canariesOf(traveller);

    story.step('earlier: passport issued, prints enrolled');
    const out = await calls.enrol(
      application(ctx, traveller, { applicationDate: ctx.asOf, document: 'passport' }),
    );
    story.require(out.status === 'enrolled', `the traveller was enrolled (got ${out.status})`);
    const passport = story.need(out.document, 'the passport was issued');
    people.push(...canariesOf(traveller, [passport.number]));

    story.step('the traveller presents the passport and two fingers');
    const yes = await calls.verifyAnswer(
      'border-officer',
      { documentNumber: passport.number },
      prints(ctx, traveller, 1, [2, 7]),
    );
    const decision = calls.succeeded(yes, 'verification');
    story.expectThat(decision.decision === 'match', `the traveller matches (got ${decision.decision})`);
    story.expectThat(
      Object.keys(decision).every((k) => k === 'decision'),
      'the answer is the decision alone (no score, no identity)',
    );
    answerTellsNothing(p, yes.raw, people, 'border-officer', 'verification answer');

    story.step('an impostor presents the same passport');
    const no = await calls.verify(
      'border-officer',
      { documentNumber: passport.number },
      prints(ctx, impostor, 1, [2, 7]),
    );
    story.expectThat(no.decision === 'no-match', `the impostor does not match (got ${no.decision})`);

    story.step('the document status the border officer reads');
    const status = await calls.documentStatusAnswer('border-officer', passport.number);
    story.expectThat(
      calls.succeeded(status, 'document status').status === 'valid',
      'the passport reads valid',
    );
    answerTellsNothing(p, status.raw, people, 'border-officer', 'document status');

    story.step('what must not happen: the border officer searching or looking people up');
    const search = await calls.identifyAnswer('border-officer', prints(ctx, traveller, 2, [2, 7]), {
      purpose: 'border check',
      caseReference: 'BRD-2025-0001',
    });
    story.expectThat(search.status === 403, `a border officer may not search 1:N (got ${search.status})`);
    const lookup = await calls.lookupAnswer('border-officer', traveller.iin);
    story.expectThat(
      lookup.status === 403,
      `a border officer may not look up a resident (got ${lookup.status})`,
    );
    answerTellsNothing(p, search.raw + lookup.raw, people, 'border-officer', 'refusals');

    story.step('what must not happen: personal data in the vault');
    await vaultHoldsNoPii(p, people);
  },
});
