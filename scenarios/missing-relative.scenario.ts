import { adults, application, canariesOf, prints } from './applicants.ts';
import { identifyAndResolve } from './identification.ts';
import { answerTellsNothing, defineScenario, vaultHoldsNoPii } from './scenario-kit.ts';

/**
 * A family reports a relative missing. The family has no access to the system; an unidentified
 * person found later is identified by the police under the missing-person case.
 */
export const missingRelative = defineScenario({
  id: 'scenarios/missing-relative',
  title: 'A family searching for a missing relative',
  rule: 'SCN-MSR-01: the family never receives personal data; the search is an authorised, audited police action',
  async plot(p) {
    const { ctx, story, calls } = p;
    const [relative, stranger] = adults(ctx, 2, 'missing relative');
    const warrant = {
      purpose: 'search for a person reported missing by the family',
      caseReference: 'MSR-2025-0489',
    };

    story.step('earlier: the relative and a stranger were enrolled');
    for (const r of [relative, stranger]) {
      const out = await calls.enrol(application(ctx, r, { applicationDate: ctx.asOf }));
      story.require(out.status === 'enrolled', `a resident was enrolled (got ${out.status})`);
    }
    const probe = prints(ctx, relative, 2, [1, 6, 2, 7]);

    story.step('the family, without credentials, tries to search and to look the relative up');
    const search = await calls.identifyAnswer(undefined, probe, warrant);
    story.expectThat(search.status === 401, `an unauthenticated search is refused (got ${search.status})`);
    answerTellsNothing(p, search.raw, canariesOf(relative), 'caller without a token', 'refused search');
    const lookup = await p.ctx.target.client().lookupResident(relative.iin);
    calls.answered(lookup, 'resident lookup');
    story.expectThat(lookup.status === 401, `an unauthenticated lookup is refused (got ${lookup.status})`);
    answerTellsNothing(p, lookup.raw, canariesOf(relative), 'caller without a token', 'refused lookup');

    story.step('an unidentified person is found; the police search under the missing-person case');
    const { person } = await identifyAndResolve(p, probe, warrant, [relative, stranger]);
    story.expectThat(person.iin === relative.iin, 'the found person is the missing relative');
    story.mustNot(person.iin === stranger.iin, 'a stranger is named to the police');

    story.step('what must not happen: personal data in the vault');
    await vaultHoldsNoPii(
      p,
      [relative, stranger].flatMap((r) => canariesOf(r)),
    );
  },
});
