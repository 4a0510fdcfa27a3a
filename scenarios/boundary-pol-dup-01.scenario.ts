import { adults, application } from './applicants.ts';
import { defineScenario, vaultGrew, vaultRows, vaultUnchanged } from './scenario-kit.ts';

/** The same fingers under another IIN are blocked; different fingers the same day are not. */
export const boundaryPolDup01 = defineScenario({
  id: 'scenarios/boundary-pol-dup-01',
  title: 'A mated enrolment under another IIN is blocked and raises a case',
  rule: 'POL-DUP-01: every new enrolment is searched 1:N; a hit on another identity blocks the application',
  async plot(p) {
    const { ctx, story, calls } = p;
    const [original, alias, stranger] = adults(ctx, 3, 'POL-DUP-01 boundary');

    story.step('the original is enrolled');
    const first = await calls.enrol(application(ctx, original, { applicationDate: ctx.asOf }));
    story.require(first.status === 'enrolled', `the original is enrolled (got ${first.status})`);

    story.step("the original's fingers under another IIN");
    let before = await vaultRows(ctx);
    const dup = await calls.enrol(
      application(ctx, alias, { applicationDate: ctx.asOf, fingersOf: original, impression: 1 }),
    );
    story.expectThat(dup.status === 'blocked-duplicate', `the application is blocked (got ${dup.status})`);
    story.expectThat(dup.caseId !== undefined, 'a case is raised');
    story.mustNot(dup.document !== undefined, 'a document is issued to the second identity');
    await vaultUnchanged(p, before, 'the blocked prints were stored');

    story.step('a stranger with his own fingers, the same day');
    before = await vaultRows(ctx);
    const own = await calls.enrol(application(ctx, stranger, { applicationDate: ctx.asOf }));
    story.expectThat(own.status === 'enrolled', `a non-mated applicant is enrolled (got ${own.status})`);
    story.mustNot(own.caseId !== undefined, 'a non-mated applicant raises a case');
    await vaultGrew(p, before, 1, "the stranger's prints are stored");
  },
});
