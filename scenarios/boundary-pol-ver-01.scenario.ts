import { adults, application } from './applicants.ts';
import { defineScenario, vaultRows, vaultUnchanged } from './scenario-kit.ts';

/** A person with good prints on file applies again: verified 1:1, never enrolled a second time. */
export const boundaryPolVer01 = defineScenario({
  id: 'scenarios/boundary-pol-ver-01',
  title: 'Good prints on file: 1:1 verification, no new subject',
  rule: 'POL-VER-01: already enrolled with good-quality prints: verify 1:1 instead of re-enrolling',
  async plot(p) {
    const { ctx, story, calls } = p;
    const [holder, impostor] = adults(ctx, 2, 'POL-VER-01 boundary');

    story.step('first issue: enrolled');
    const first = await calls.enrol(
      application(ctx, holder, { applicationDate: ctx.asOf, document: 'id-card' }),
    );
    story.require(first.status === 'enrolled', `the holder is enrolled (got ${first.status})`);

    story.step('a passport the same day, fresh prints');
    const before = await vaultRows(ctx);
    const again = await calls.enrol(
      application(ctx, holder, { applicationDate: ctx.asOf, document: 'passport', impression: 1 }),
    );
    story.expectThat(
      again.status === 'verified-existing',
      `the holder is verified 1:1 (got ${again.status})`,
    );
    story.expectThat(again.document?.kind === 'passport', 'the passport is issued');
    await vaultUnchanged(p, before, 'a second subject was enrolled for the holder');

    story.step("someone else's prints under the holder's IIN");
    const fake = await calls.enrol(
      application(ctx, holder, {
        applicationDate: ctx.asOf,
        document: 'passport',
        fingersOf: impostor,
        impression: 1,
      }),
    );
    story.expectThat(fake.status === 'verification-failed', `verification fails (got ${fake.status})`);
    story.mustNot(fake.document !== undefined, 'the impostor is given a passport');
    await vaultUnchanged(p, before, "the impostor's prints were stored");
  },
});
