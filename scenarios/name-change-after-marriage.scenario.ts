import { birthday } from '../sim/enrollment/age.ts';
import { adults, application, canariesOf, prints } from './applicants.ts';
import { defineScenario, vaultHoldsNoPii, vaultRows, vaultUnchanged } from './scenario-kit.ts';

/** A woman enrolled years ago marries, takes her husband's surname and applies for a new card. */
export const nameChangeAfterMarriage = defineScenario({
  id: 'scenarios/name-change-after-marriage',
  title: 'Change of name after marriage keeps the same subject',
  rule: 'SCN-NAM-01, POL-ENR-01: a name change is a replacement; the new name lives in the registry only',
  async plot(p) {
    const { ctx, story, calls } = p;
    const [bride, groom] = adults(ctx, 2, 'name change after marriage');
    const married = { ...bride, surname: groom.surname };

    story.step('years ago: first card under the maiden name');
    const first = await calls.enrol(
      application(ctx, bride, { applicationDate: birthday(ctx.asOf, -3), document: 'id-card' }),
    );
    story.require(first.status === 'enrolled', `she was enrolled then (got ${first.status})`);
    const old = story.need(first.document, 'the first card was issued');

    story.step('after the marriage: a new card under the new surname, fresh prints');
    const before = await vaultRows(ctx);
    const out = await calls.enrol(
      application(ctx, married, { applicationDate: ctx.asOf, trigger: 'name-change', impression: 1 }),
    );
    story.expectThat(
      out.status === 'verified-existing' || out.status === 'enrolled',
      `the application completes (got ${out.status})`,
    );
    story.mustNot(out.status === 'blocked-duplicate', 'her own earlier prints block her as a duplicate');
    const card = story.need(out.document, 'a card under the new name is issued');

    story.step('the registry knows her by the new surname');
    const person = await calls.lookup(married.iin);
    story.expectThat(person.surname === groom.surname, 'the registry holds the new surname');
    story.expectThat(
      person.documents.some((d) => d.number === card.number && d.status === 'valid'),
      'the new card is on her record',
    );
    const v = await calls.verify('psc-operator', { documentNumber: card.number }, prints(ctx, bride, 2));
    story.expectThat(v.decision === 'match', 'her prints verify against the new card');

    story.step('what must not happen: a second subject, either name in the vault');
    await vaultUnchanged(p, before, 'the name change stored a second set of templates');
    await vaultHoldsNoPii(p, [...canariesOf(bride, [old.number]), ...canariesOf(married, [card.number])]);
  },
});
