import { adult, application } from './applicants.ts';
import { defineScenario, vaultRows, vaultUnchanged } from './scenario-kit.ts';

/** An applicant with a bandaged hand is postponed: the card proceeds, no refusal, no capture. */
export const boundaryPolPst01 = defineScenario({
  id: 'scenarios/boundary-pol-pst-01',
  title: 'An applicant with a hand injury is postponed, not refused',
  rule: 'POL-PST-01: a temporary hand injury postpones capture',
  async plot(p) {
    const { ctx, story, calls } = p;
    const injured = adult(ctx, 'POL-PST-01 boundary');

    story.step('the applicant arrives with a bandaged hand');
    const before = await vaultRows(ctx);
    const body = application(ctx, injured, { applicationDate: ctx.asOf, handInjury: true });
    const out = await calls.enrol({ ...body, fingerprints: [] });
    story.expectThat(out.status === 'postponed', `capture is postponed (got ${out.status})`);
    story.expectThat(out.document !== undefined, 'the card proceeds');
    story.mustNot(
      out.status === 'refused' || out.refusalId !== undefined,
      'the applicant is treated as refusing',
    );
    await vaultUnchanged(p, before, 'a postponed capture left a vault record');
  },
});
