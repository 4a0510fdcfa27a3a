import { addDays, birthday } from '../sim/enrollment/age.ts';
import { adult, application, bornOn, canariesOf, prints } from './applicants.ts';
import { defineScenario, vaultGrew, vaultHoldsNoPii, vaultRows } from './scenario-kit.ts';

/** A citizen a month past the 16th birthday applies for the first ID card: capture is mandatory. */
export const firstIdCardAt16 = defineScenario({
  id: 'scenarios/first-id-card-at-16',
  title: 'First ID card at 16',
  rule: 'SCN-FST-01, POL-ENR-01: first issue at 16 is captured, deduplicated 1:N and enrolled',
  async plot(p) {
    const { ctx, story, calls } = p;
    const born = addDays(birthday(ctx.asOf, -16), -30);
    const teen = bornOn(adult(ctx, 'first ID card at 16'), born);

    story.step('the 16-year-old applies at a PSC with ten fingers');
    const before = await vaultRows(ctx);
    const out = await calls.enrol(application(ctx, teen, { applicationDate: ctx.asOf, document: 'id-card' }));
    story.expectThat(out.status === 'enrolled', `the applicant is enrolled (got ${out.status})`);
    story.expectThat(out.rules.includes('POL-DUP-01'), 'the enrolment was searched 1:N (POL-DUP-01)');
    story.expectThat(out.fingersCaptured.length === 10, 'all ten fingers are captured');
    const card = story.need(
      out.document?.kind === 'id-card' && out.document.status === 'valid' ? out.document : null,
      'a valid ID card is issued',
    );
    await vaultGrew(p, before, 1, 'the prints are stored');

    story.step('a later 1:1 check at a PSC recognises the new card holder');
    const v = await calls.verify('psc-operator', { documentNumber: card.number }, prints(ctx, teen, 1));
    story.expectThat(v.decision === 'match', 'fresh prints of the holder match the enrolled ones');

    story.step('what must not happen');
    story.mustNot(out.refusalId !== undefined || out.caseId !== undefined, 'a refusal or case is raised');
    await vaultHoldsNoPii(p, canariesOf(teen, [card.number]));
  },
});
