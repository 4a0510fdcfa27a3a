import { addDays, birthday } from '../sim/enrollment/age.ts';
import { adults, application, canariesOf } from './applicants.ts';
import { answerTellsNothing, defineScenario, vaultHoldsNoPii } from './scenario-kit.ts';

/** A citizen's passport is stolen abroad; the consulate re-issues it after fresh prints verify. */
export const passportStolenAbroad = defineScenario({
  id: 'scenarios/passport-stolen-abroad',
  title: 'Passport stolen abroad recovered through a consulate',
  rule: 'SCN-STL-01, POL-REC-01: the consulate re-issues a stolen passport only after 1:1 verification',
  async plot(p) {
    const { ctx, story, calls } = p;
    const [traveller, thief] = adults(ctx, 2, 'passport stolen abroad');

    story.step('at home, a year ago: passport issued, prints enrolled');
    const first = await calls.enrol(
      application(ctx, traveller, { applicationDate: birthday(ctx.asOf, -1), document: 'passport' }),
    );
    story.require(first.status === 'enrolled', `the traveller was enrolled (got ${first.status})`);
    const stolen = story.need(first.document, 'the passport was issued');

    story.step('abroad: the theft is reported at the consulate');
    const reported = await calls.reportDocument(
      stolen.number,
      'stolen',
      addDays(ctx.asOf, -2),
      'consulate-officer',
    );
    story.expectThat(reported.status === 'stolen', `the passport is marked stolen (got ${reported.status})`);

    story.step("the thief applies at the consulate in the traveller's name");
    const fake = await calls.enrolAnswer(
      'consulate-officer',
      application(ctx, traveller, {
        applicationDate: ctx.asOf,
        trigger: 'theft',
        document: 'passport',
        fingersOf: thief,
        impression: 1,
      }),
    );
    const refused = fake.status === 201 && 'status' in fake.body ? fake.body : null;
    story.expectThat(
      refused?.status === 'verification-failed',
      `the thief fails verification (got ${refused?.status ?? fake.status})`,
    );
    story.mustNot(refused?.document !== undefined, 'the thief is given a passport');

    story.step('the traveller applies at the consulate with fresh prints');
    const out = await calls.enrol(
      application(ctx, traveller, {
        applicationDate: ctx.asOf,
        trigger: 'theft',
        document: 'passport',
        impression: 1,
      }),
      'consulate-officer',
    );
    story.expectThat(out.status === 'verified-existing', `the traveller is verified 1:1 (got ${out.status})`);
    const renewed = story.need(out.document, 'a new passport is issued');
    story.expectThat(renewed.kind === 'passport' && renewed.number !== stolen.number, 'it is a new passport');

    story.step('a border officer meets the stolen passport');
    const seen = await calls.documentStatusAnswer('border-officer', stolen.number);
    const border = calls.succeeded(seen, 'document status');
    story.expectThat(border.status === 'stolen', `the border officer sees it stolen (got ${border.status})`);
    answerTellsNothing(
      p,
      seen.raw,
      canariesOf(traveller, [stolen.number]),
      'border-officer',
      'document status',
    );

    story.step('what must not happen: personal data in the vault');
    await vaultHoldsNoPii(p, canariesOf(traveller, [stolen.number, renewed.number]));
  },
});
