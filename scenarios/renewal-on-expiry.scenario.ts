import { addDays, birthday } from '../sim/enrollment/age.ts';
import { adult, application, canariesOf, prints } from './applicants.ts';
import type { Plot } from './scenario-kit.ts';
import { defineScenario, vaultHoldsNoPii, vaultRows, vaultUnchanged } from './scenario-kit.ts';

/** Where the target's clock can be moved: the card is valid on its expiry day and expired the day after. */
async function expiryDay(p: Plot, number: string, expiryDate: string): Promise<void> {
  const hooks = p.ctx.target.hooks;
  if (!hooks) {
    p.story.note('expiryDay', 'not checked: the target has no clock a certifier can set');
    return;
  }
  const was = hooks.now();
  try {
    hooks.setClock(new Date(`${expiryDate}T23:00:00Z`));
    const onTheDay = await p.calls.documentStatus(number);
    p.story.expectThat(
      onTheDay.status === 'valid',
      `the card is valid on its expiry day (got ${onTheDay.status})`,
    );
    hooks.setClock(new Date(`${addDays(expiryDate, 1)}T00:30:00Z`));
    const after = await p.calls.documentStatus(number);
    p.story.expectThat(after.status === 'expired', `the card is expired the day after (got ${after.status})`);
  } finally {
    hooks.setClock(was);
  }
}

/** A card issued ten years ago has expired; its holder renews it and is verified 1:1, not re-enrolled. */
export const renewalOnExpiry = defineScenario({
  id: 'scenarios/renewal-on-expiry',
  title: 'Renewal on expiry verifies the enrolled person 1:1',
  rule: 'SCN-RNW-01, POL-VER-01: good prints on file are verified, not enrolled again',
  async plot(p) {
    const { ctx, story, calls } = p;
    const holder = adult(ctx, 'renewal on expiry');
    const issuedOn = birthday(ctx.asOf, -10);

    story.step('ten years ago: first ID card, prints enrolled');
    const first = await calls.enrol(
      application(ctx, holder, { applicationDate: issuedOn, document: 'id-card' }),
    );
    story.require(first.status === 'enrolled', `the holder was enrolled then (got ${first.status})`);
    const old = story.need(first.document, 'the first card was issued');
    await expiryDay(p, old.number, old.expiryDate);

    story.step('today: the card has expired');
    const status = await calls.documentStatus(old.number);
    story.expectThat(status.status === 'expired', `the old card reads as expired (got ${status.status})`);

    story.step('the holder applies for a new card, fresh prints taken');
    const before = await vaultRows(ctx);
    const renewal = await calls.enrol(
      application(ctx, holder, { applicationDate: ctx.asOf, trigger: 'expiry', impression: 1 }),
    );
    story.expectThat(
      renewal.status === 'verified-existing',
      `the holder is verified 1:1 (got ${renewal.status})`,
    );
    const card = story.need(renewal.document, 'a new card is issued');
    story.expectThat(
      card.status === 'valid' && card.number !== old.number,
      'the new card is a new, valid one',
    );

    story.step('what must not happen: a second subject, or personal data in the vault');
    await vaultUnchanged(p, before, 'the renewal stored a second set of templates');
    await vaultHoldsNoPii(p, canariesOf(holder, [old.number, card.number]));
    const again = await calls.verify('psc-operator', { documentNumber: card.number }, prints(ctx, holder, 2));
    story.expectThat(again.decision === 'match', 'the new card verifies against the same prints');
  },
});
