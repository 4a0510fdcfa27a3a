import { addDays, birthday } from '../sim/enrollment/age.ts';
import { adults, application, bornOn } from './applicants.ts';
import { defineScenario, vaultGrew, vaultRows, vaultUnchanged } from './scenario-kit.ts';

/** Two children born the same day: one applies the day before the 12th birthday, the other on it. */
export const boundaryPolAge01 = defineScenario({
  id: 'scenarios/boundary-pol-age-01',
  title: '11 years 364 days exempt, 12th birthday captured',
  rule: 'POL-AGE-01: under 12 exempt; prints offered are not captured or stored',
  requires: ['api', 'fingerprint-database'],
  async plot(p) {
    const { ctx, story, calls } = p;
    const born = birthday(ctx.asOf, -12);
    const twelfth = birthday(born, 12);
    const [a, b] = adults(ctx, 2, 'POL-AGE-01 boundary').map((r) => bornOn(r, born));

    story.step('the day before the 12th birthday, prints offered with consent');
    let before = await vaultRows(ctx);
    const eve = await calls.enrol(
      application(ctx, a, {
        applicationDate: addDays(twelfth, -1),
        document: 'passport',
        guardianConsent: true,
      }),
    );
    story.expectThat(eve.status === 'exempt', `at 11 years 364 days the child is exempt (got ${eve.status})`);
    story.expectThat(eve.fingersCaptured.length === 0, 'no finger is captured');
    await vaultUnchanged(p, before, 'prints of a child under twelve reached the vault');

    story.step('on the 12th birthday, with consent');
    before = await vaultRows(ctx);
    const day = await calls.enrol(
      application(ctx, b, { applicationDate: twelfth, document: 'passport', guardianConsent: true }),
    );
    story.expectThat(
      day.status === 'enrolled',
      `on the 12th birthday the child is enrolled (got ${day.status})`,
    );
    await vaultGrew(p, before, 1, 'the twelve-year-old’s prints are stored');
  },
});
