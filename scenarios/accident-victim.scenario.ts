import { adults, application, canariesOf, prints } from './applicants.ts';
import { identifyAndResolve } from './identification.ts';
import { defineScenario, vaultHoldsNoPii } from './scenario-kit.ts';

/** A road accident victim is brought in without documents; the police identify the victim 1:N. */
export const accidentVictim = defineScenario({
  id: 'scenarios/accident-victim',
  title: 'Accident victim without documents identified 1:N',
  rule: 'SCN-ACC-01: identification by an authorised officer, audited with its purpose',
  async plot(p) {
    const { ctx, story, calls } = p;
    const [victim, bystander] = adults(ctx, 2, 'accident victim');

    story.step('earlier: the victim and another resident were enrolled');
    for (const r of [victim, bystander]) {
      const out = await calls.enrol(application(ctx, r, { applicationDate: ctx.asOf }));
      story.require(out.status === 'enrolled', `a resident was enrolled (got ${out.status})`);
    }

    story.step('the police take four prints of the injured victim and search 1:N');
    const { person } = await identifyAndResolve(
      p,
      prints(ctx, victim, 2, [2, 3, 7, 8]),
      { purpose: 'identification of an unconscious road accident victim', caseReference: 'ACC-2025-0114' },
      [victim, bystander],
    );
    story.expectThat(person.iin === victim.iin, 'the first candidate resolves to the victim');
    story.mustNot(person.iin === bystander.iin, 'the search names the wrong person');

    story.step('what must not happen: personal data in the vault');
    await vaultHoldsNoPii(
      p,
      [victim, bystander].flatMap((r) => canariesOf(r)),
    );
  },
});
