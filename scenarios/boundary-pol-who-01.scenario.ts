import { adults, application, withStatus } from './applicants.ts';
import { defineScenario, vaultGrew, vaultRows, vaultUnchanged } from './scenario-kit.ts';

/** On the same day, a temporary resident and a permanent resident of the same country apply. */
export const boundaryPolWho01 = defineScenario({
  id: 'scenarios/boundary-pol-who-01',
  title: 'Temporary residents are not fingerprinted; permanent residents are',
  rule: 'POL-WHO-01: only citizens and permanent residents (foreign or stateless) are fingerprinted',
  async plot(p) {
    const { ctx, story, calls } = p;
    const [a, b] = adults(ctx, 2, 'POL-WHO-01 boundary');
    const temporary = withStatus(a, 'foreign-permanent-resident', 'KGZ');
    const permanent = withStatus(b, 'foreign-permanent-resident', 'KGZ');

    story.step('a temporary resident applies with prints offered');
    let before = await vaultRows(ctx);
    const t = await calls.enrol(
      application(ctx, temporary, {
        applicationDate: ctx.asOf,
        document: 'residence-permit',
        status: 'temporary-resident',
      }),
    );
    story.expectThat(t.status === 'not-covered', `the temporary resident is not covered (got ${t.status})`);
    story.expectThat(t.fingersCaptured.length === 0, 'no finger is captured');
    await vaultUnchanged(p, before, "a temporary resident's prints reached the vault");

    story.step('a permanent resident applies the same day');
    before = await vaultRows(ctx);
    const out = await calls.enrol(
      application(ctx, permanent, { applicationDate: ctx.asOf, document: 'residence-permit' }),
    );
    story.expectThat(out.status === 'enrolled', `the permanent resident is enrolled (got ${out.status})`);
    await vaultGrew(p, before, 1, "the permanent resident's prints are stored");
  },
});
