import { addDays, birthday } from '../sim/enrollment/age.ts';
import { adults, application, bornOn } from './applicants.ts';
import { defineScenario, vaultGrew, vaultRows, vaultUnchanged } from './scenario-kit.ts';

/** Without a guardian consent: the 12th birthday and 15 years 364 days decline; the 16th birthday is mandatory. */
export const boundaryPolAge02 = defineScenario({
  id: 'scenarios/boundary-pol-age-02',
  title: '15 years 364 days without consent declined; 16th birthday mandatory',
  rule: 'POL-AGE-02: 12 to under 16 voluntary, captured only with the consent of a parent or legal representative',
  requires: ['api', 'fingerprint-database'],
  async plot(p) {
    const { ctx, story, calls } = p;
    const [a, b, c] = adults(ctx, 3, 'POL-AGE-02 boundary');
    const twelve = bornOn(a, birthday(ctx.asOf, -12));
    const fifteen = bornOn(b, birthday(ctx.asOf, -16));
    const sixteen = bornOn(c, birthday(ctx.asOf, -16));

    for (const [who, date, age] of [
      [twelve, birthday(twelve.birthDate, 12), 'on the 12th birthday'],
      [fifteen, addDays(birthday(fifteen.birthDate, 16), -1), 'at 15 years 364 days'],
    ] as const) {
      story.step(`${age}, without consent, prints offered`);
      const before = await vaultRows(ctx);
      const out = await calls.enrol(
        application(ctx, who, { applicationDate: date, document: 'passport', guardianConsent: false }),
      );
      story.expectThat(out.status === 'voluntary-declined', `${age} capture is declined (got ${out.status})`);
      story.expectThat(out.document !== undefined, `${age} the document is issued all the same`);
      await vaultUnchanged(p, before, `${age} prints without consent reached the vault`);
    }

    story.step('on the 16th birthday, without consent: capture is mandatory');
    const before = await vaultRows(ctx);
    const out = await calls.enrol(
      application(ctx, sixteen, { applicationDate: birthday(sixteen.birthDate, 16), document: 'id-card' }),
    );
    story.expectThat(
      out.status === 'enrolled',
      `on the 16th birthday the applicant is enrolled (got ${out.status})`,
    );
    await vaultGrew(p, before, 1, 'the sixteen-year-old’s prints are stored');
  },
});
