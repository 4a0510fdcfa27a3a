import { addDays, birthday } from '../sim/enrollment/age.ts';
import { adult, application, bornOn, canariesOf, prints } from './applicants.ts';
import { defineScenario, vaultHoldsNoPii, vaultRows, vaultUnchanged } from './scenario-kit.ts';

/** A parent brings a child of eleven for a passport and offers the child's prints anyway. */
export const childOfEleven = defineScenario({
  id: 'scenarios/child-of-eleven',
  title: 'A child of 11 is exempt; prints offered are not stored',
  rule: 'SCN-CHD-01, POL-AGE-01: under twelve exempt, prints offered are neither captured nor stored',
  requires: ['api', 'fingerprint-database'],
  async plot(p) {
    const { ctx, story, calls } = p;
    const child = bornOn(adult(ctx, 'child of eleven'), addDays(birthday(ctx.asOf, -11), -120));

    story.step('the child applies for a passport; ten prints are offered');
    const before = await vaultRows(ctx);
    const out = await calls.enrol(
      application(ctx, child, { applicationDate: ctx.asOf, document: 'passport', guardianConsent: true }),
    );
    story.expectThat(out.status === 'exempt', `the child is exempt (got ${out.status})`);
    story.expectThat(out.fingersCaptured.length === 0, 'no finger is captured');
    story.expectThat(out.document?.status === 'valid', 'the passport is issued all the same');

    story.step('what must not happen: the offered prints kept anywhere');
    await vaultUnchanged(p, before, 'the offered prints reached the vault');
    const v = await calls.verifyAnswer('psc-operator', { iin: child.iin }, prints(ctx, child, 1));
    story.mustNot(
      v.status === 200 && 'decision' in v.body && v.body.decision === 'match',
      "the child's fresh prints match stored ones",
    );
    await vaultHoldsNoPii(p, canariesOf(child, out.document ? [out.document.number] : []));
  },
});
