import { adult, application, canariesOf, prints, withStatus } from './applicants.ts';
import { defineScenario, vaultHoldsNoPii, vaultNeverMentions } from './scenario-kit.ts';

/** A citizen of Uzbekistan with permanent residence applies for a residence permit. */
export const foreignPermanentResident = defineScenario({
  id: 'scenarios/foreign-permanent-resident',
  title: "A foreign permanent resident's residence permit",
  rule: 'SCN-FPR-01, POL-WHO-01: permanent residents are covered and enrolled like citizens',
  async plot(p) {
    const { ctx, story, calls } = p;
    const resident = withStatus(
      adult(ctx, 'foreign permanent resident'),
      'foreign-permanent-resident',
      'UZB',
    );

    story.step('the resident applies for a residence permit');
    const out = await calls.enrol(
      application(ctx, resident, { applicationDate: ctx.asOf, document: 'residence-permit' }),
    );
    story.expectThat(out.status === 'enrolled', `the resident is enrolled (got ${out.status})`);
    const permit = story.need(out.document, 'a residence permit is issued');
    story.expectThat(permit.kind === 'residence-permit', `it is a residence permit (got ${permit.kind})`);

    story.step('the permit holder is verified 1:1 later');
    const v = await calls.verify('psc-operator', { documentNumber: permit.number }, prints(ctx, resident, 1));
    story.expectThat(v.decision === 'match', 'fresh prints match');

    story.step('what must not happen: identity, status or citizenship in the vault');
    await vaultHoldsNoPii(p, canariesOf(resident, [permit.number]));
    await vaultNeverMentions(p, 'permanent-resident', 'the vault records the legal status');
    await vaultNeverMentions(p, 'UZB', 'the vault records the citizenship');
  },
});
