import { addDays, birthday } from '../sim/enrollment/age.ts';
import { adults, application, bornOn, canariesOf, prints } from './applicants.ts';
import { defineScenario, vaultGrew, vaultHoldsNoPii, vaultRows, vaultUnchanged } from './scenario-kit.ts';

/** Two thirteen-year-olds apply for passports: one parent consents to capture, the other does not. */
export const voluntaryTwelveToSixteen = defineScenario({
  id: 'scenarios/voluntary-twelve-to-sixteen',
  title: '12 to 16: enrolled with consent, nothing stored without it',
  rule: 'SCN-VOL-01, POL-AGE-02: from 12 to under 16 capture is voluntary, with a guardian consent only',
  requires: ['api', 'fingerprint-database'],
  async plot(p) {
    const { ctx, story, calls } = p;
    const born = addDays(birthday(ctx.asOf, -13), -45);
    const [a, b] = adults(ctx, 2, '12 to 16 with and without consent');
    const without = bornOn(a, born);
    const withConsent = bornOn(b, addDays(born, 3));

    story.step('without a guardian consent, prints offered');
    let before = await vaultRows(ctx);
    const declined = await calls.enrol(
      application(ctx, without, { applicationDate: ctx.asOf, document: 'passport', guardianConsent: false }),
    );
    story.expectThat(
      declined.status === 'voluntary-declined',
      `capture is declined (got ${declined.status})`,
    );
    story.expectThat(declined.fingersCaptured.length === 0, 'no finger is captured');
    story.expectThat(declined.document?.status === 'valid', 'the passport is issued without prints');
    await vaultUnchanged(p, before, 'prints of a minor without consent reached the vault');
    const v = await calls.verifyAnswer('psc-operator', { iin: without.iin }, prints(ctx, without, 1));
    story.mustNot(
      v.status === 200 && 'decision' in v.body && v.body.decision === 'match',
      "the minor's fresh prints match stored ones",
    );

    story.step('with a guardian consent');
    before = await vaultRows(ctx);
    const enrolled = await calls.enrol(
      application(ctx, withConsent, {
        applicationDate: ctx.asOf,
        document: 'passport',
        guardianConsent: true,
      }),
    );
    story.expectThat(
      enrolled.status === 'enrolled',
      `the consenting minor is enrolled (got ${enrolled.status})`,
    );
    await vaultGrew(p, before, 1, 'the consented prints are stored');
    const m = await calls.verify('psc-operator', { iin: withConsent.iin }, prints(ctx, withConsent, 1));
    story.expectThat(m.decision === 'match', 'fresh prints of the consenting minor match');

    story.step('what must not happen: identities or consent data in the vault');
    await vaultHoldsNoPii(p, [
      ...canariesOf(without, declined.document ? [declined.document.number] : []),
      ...canariesOf(withConsent, enrolled.document ? [enrolled.document.number] : []),
    ]);
  },
});
