import { adults, application, canariesOf, prints } from './applicants.ts';
import { identifyAndResolve } from './identification.ts';
import { defineScenario, vaultHoldsNoPii } from './scenario-kit.ts';

/** A man found wandering cannot say who he is; the police identify him 1:N from ten fresh prints. */
export const memoryLoss = defineScenario({
  id: 'scenarios/memory-loss',
  title: 'A person with memory loss identified 1:N',
  rule: 'SCN-MEM-01: candidates as subject identifiers only; the resolution is audited',
  async plot(p) {
    const { ctx, story, calls } = p;
    const [lost, neighbour] = adults(ctx, 2, 'memory loss');

    story.step('years ago: he and a neighbour were enrolled');
    for (const r of [lost, neighbour]) {
      const out = await calls.enrol(application(ctx, r, { applicationDate: ctx.asOf }));
      story.require(out.status === 'enrolled', `a resident was enrolled (got ${out.status})`);
    }

    story.step('the police search with all ten fresh prints');
    const { person } = await identifyAndResolve(
      p,
      prints(ctx, lost, 3),
      { purpose: 'identification of a person with memory loss', caseReference: 'MEM-2025-0031' },
      [lost, neighbour],
    );
    story.expectThat(person.iin === lost.iin, 'the first candidate resolves to him');

    story.step('what must not happen: personal data in the vault');
    await vaultHoldsNoPii(
      p,
      [lost, neighbour].flatMap((r) => canariesOf(r)),
    );
  },
});
