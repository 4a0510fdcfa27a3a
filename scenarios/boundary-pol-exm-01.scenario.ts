import { ALL_FINGERS, adults, application, withMissingFingers } from './applicants.ts';
import { defineScenario, vaultGrew, vaultRows, vaultUnchanged } from './scenario-kit.ts';

/** Ten fingers without a papillary pattern exempt; with one finger left, that finger is enrolled. */
export const boundaryPolExm01 = defineScenario({
  id: 'scenarios/boundary-pol-exm-01',
  title: 'Ten fingers missing: exempt; nine missing: enrol the one that exists',
  rule: 'POL-EXM-01: no fingers on both hands or no papillary pattern on any finger: exempt',
  async plot(p) {
    const { ctx, story, calls } = p;
    const [a, b] = adults(ctx, 2, 'POL-EXM-01 boundary');
    const none = withMissingFingers(a, ALL_FINGERS, 'no-papillary-pattern');
    const one = withMissingFingers(b, [1, 2, 3, 4, 5, 6, 8, 9, 10], 'amputation');

    story.step('no papillary pattern on any of the ten fingers');
    let before = await vaultRows(ctx);
    const exempt = await calls.enrol(application(ctx, none, { applicationDate: ctx.asOf }));
    story.expectThat(exempt.status === 'exempt', `the applicant is exempt (got ${exempt.status})`);
    story.expectThat(exempt.document !== undefined, 'the card is issued (an exemption, not a refusal)');
    story.mustNot(exempt.refusalId !== undefined, 'the exemption is recorded as a refusal');
    await vaultUnchanged(p, before, 'an exempt applicant left a vault record');

    story.step('nine fingers amputated, the left index finger remains');
    before = await vaultRows(ctx);
    const out = await calls.enrol(application(ctx, one, { applicationDate: ctx.asOf }));
    story.expectThat(out.status === 'enrolled', `the applicant is enrolled (got ${out.status})`);
    story.expectThat(
      out.fingersCaptured.length === 1 && out.fingersCaptured[0] === 7,
      `the one remaining finger is captured (got ${out.fingersCaptured.join(', ') || 'none'})`,
    );
    await vaultGrew(p, before, 1, 'the remaining finger is stored');
  },
});
