import { addDays, birthday } from '../sim/enrollment/age.ts';
import { adults, application, bornOn } from './applicants.ts';
import { refusalRecorded } from './refusal.scenario.ts';
import { defineScenario, vaultRows, vaultUnchanged } from './scenario-kit.ts';

/** Refusing the day before the 16th birthday is a voluntary decline; on the birthday it is an offence. */
export const boundaryPolRef01 = defineScenario({
  id: 'scenarios/boundary-pol-ref-01',
  title: 'Refusal: no document, one refusal record in the registry',
  rule: 'POL-REF-01: refusal by a person who must enrol (CAO Article 443-1)',
  requires: ['api', 'fingerprint-database', 'identity-registry'],
  async plot(p) {
    const { ctx, story, calls } = p;
    const born = birthday(ctx.asOf, -16);
    const [a, b] = adults(ctx, 2, 'POL-REF-01 boundary').map((r) => bornOn(r, born));

    story.step('the day before the 16th birthday, the applicant refuses');
    let before = await vaultRows(ctx);
    const eve = await calls.enrol({
      ...application(ctx, a, { applicationDate: addDays(ctx.asOf, -1), document: 'passport', refuses: true }),
      fingerprints: [],
    });
    story.expectThat(
      eve.status === 'voluntary-declined',
      `before 16 a refusal is a decline (got ${eve.status})`,
    );
    story.mustNot(eve.refusalId !== undefined, 'a minor is recorded as an offender');
    await vaultUnchanged(p, before, 'a declining minor left a vault record');

    story.step('on the 16th birthday, the applicant refuses');
    before = await vaultRows(ctx);
    const out = await calls.enrol({
      ...application(ctx, b, { applicationDate: ctx.asOf, document: 'id-card', refuses: true }),
      fingerprints: [],
    });
    story.expectThat(out.status === 'refused', `the application is refused (got ${out.status})`);
    story.mustNot(out.document !== undefined, 'a card is issued');
    await refusalRecorded(p, story.need(out.refusalId, 'the answer names the refusal record'));
    await vaultUnchanged(p, before, 'the refusal wrote to the vault');
  },
});
