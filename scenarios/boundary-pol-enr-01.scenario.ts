import type { EnrolmentRequest } from '../harness/targets/reference-api-types.ts';
import { birthday } from '../sim/enrollment/age.ts';
import { adults, application, bornOn } from './applicants.ts';
import { defineScenario, vaultGrew, vaultRows } from './scenario-kit.ts';

const TRIGGERS: readonly EnrolmentRequest['trigger'][] = [
  'first-issue',
  'expiry',
  'name-change',
  'loss',
  'theft',
];

/**
 * Every ground the rules name, each on its first day, for people with no prints on file (cards
 * issued before fingerprinting began): each leads to a capture and an enrolment.
 */
export const boundaryPolEnr01 = defineScenario({
  id: 'scenarios/boundary-pol-enr-01',
  title: 'Each trigger on its first day leads to an enrolment',
  rule: 'POL-ENR-01: at first issue or any replacement (expiry, name change, loss, theft): capture and enrol',
  async plot(p) {
    const { ctx, story, calls } = p;
    const people = adults(ctx, TRIGGERS.length, 'POL-ENR-01 boundary');
    for (const [i, trigger] of TRIGGERS.entries()) {
      // First issue is first due on the 16th birthday; the other grounds arise on the day of the event.
      const who = trigger === 'first-issue' ? bornOn(people[i], birthday(ctx.asOf, -16)) : people[i];
      story.step(`${trigger}, on its first day`);
      const before = await vaultRows(ctx);
      const out = await calls.enrol(application(ctx, who, { applicationDate: ctx.asOf, trigger }));
      story.expectThat(out.status === 'enrolled', `${trigger} leads to an enrolment (got ${out.status})`);
      story.expectThat(out.document?.status === 'valid', `${trigger}: the document is issued`);
      await vaultGrew(p, before, 1, `${trigger}: the prints are stored`);
    }
  },
});
