import { addDays, birthday } from '../sim/enrollment/age.ts';
import { adults, application, canariesOf } from './applicants.ts';
import { answerTellsNothing, defineScenario, vaultHoldsNoPii } from './scenario-kit.ts';

/** A passport holder loses the passport; an impostor tries to have it re-issued first, then the owner. */
export const lostPassportAtPsc = defineScenario({
  id: 'scenarios/lost-passport-at-psc',
  title: 'Lost passport recovered at a PSC after 1:1 verification',
  rule: 'SCN-LST-01, POL-REC-01: a lost document is re-issued only after fresh prints verify',
  async plot(p) {
    const { ctx, story, calls } = p;
    const [owner, impostor] = adults(ctx, 2, 'lost passport at a PSC');

    story.step('two years ago: passport issued, prints enrolled');
    const first = await calls.enrol(
      application(ctx, owner, { applicationDate: birthday(ctx.asOf, -2), document: 'passport' }),
    );
    story.require(first.status === 'enrolled', `the owner was enrolled (got ${first.status})`);
    const lost = story.need(first.document, 'the passport was issued');

    story.step('the owner reports the passport lost');
    const reported = await calls.reportDocument(lost.number, 'lost', addDays(ctx.asOf, -10));
    story.expectThat(reported.status === 'lost', `the passport is marked lost (got ${reported.status})`);

    story.step("an impostor applies in the owner's name with the impostor's own prints");
    const fake = await calls.enrolAnswer(
      'psc-operator',
      application(ctx, owner, {
        applicationDate: ctx.asOf,
        trigger: 'loss',
        document: 'passport',
        fingersOf: impostor,
        impression: 1,
      }),
    );
    const refused = fake.status === 201 && 'status' in fake.body ? fake.body : null;
    story.expectThat(
      refused?.status === 'verification-failed',
      `the impostor fails verification (got ${refused?.status ?? fake.status})`,
    );
    story.mustNot(refused?.document !== undefined, 'the impostor is given a passport');
    answerTellsNothing(
      p,
      fake.raw,
      canariesOf(owner, [lost.number]),
      'psc-operator',
      'answer to the impostor',
    );

    story.step('the owner applies with fresh prints');
    const out = await calls.enrol(
      application(ctx, owner, {
        applicationDate: ctx.asOf,
        trigger: 'loss',
        document: 'passport',
        impression: 1,
      }),
    );
    story.expectThat(out.status === 'verified-existing', `the owner is verified 1:1 (got ${out.status})`);
    const renewed = story.need(out.document, 'a new passport is issued');
    story.expectThat(renewed.number !== lost.number, 'the new passport has a new number');
    const old = await calls.documentStatus(lost.number);
    story.expectThat(old.status === 'lost', `the lost passport stays lost (got ${old.status})`);

    story.step('what must not happen: personal data in the vault');
    await vaultHoldsNoPii(p, canariesOf(owner, [lost.number, renewed.number]));
  },
});
