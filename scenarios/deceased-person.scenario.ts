import { contractOperation } from '../harness/contract/reference-api.ts';
import { addDays } from '../sim/enrollment/age.ts';
import { adults, application, canariesOf, prints } from './applicants.ts';
import { identifyAndResolve } from './identification.ts';
import type { Plot } from './scenario-kit.ts';
import { answerTellsNothing, defineScenario, vaultHoldsNoPii } from './scenario-kit.ts';
import { CannotTell } from './story.ts';

/** The contract operation by which a civil-registry death notice reaches the system, if it has one. */
export const DEATH_OPERATION = 'recordDeath';

export function contractRecordsDeaths(): boolean {
  try {
    contractOperation(DEATH_OPERATION);
    return true;
  } catch {
    return false;
  }
}

/** Records a death through the contract: the civil registry's notice, as a PSC enters it. */
async function recordDeath(p: Plot, iin: string, date: string): Promise<void> {
  if (!contractRecordsDeaths())
    throw new CannotTell(
      `the contract has no ${DEATH_OPERATION} operation, so a death cannot reach the target`,
    );
  p.calls.succeeded(await p.calls.write('psc-operator', DEATH_OPERATION, { iin, date }), 'death record');
}

/** A citizen dies; the civil registry's notice closes the record. */
export const deceasedPerson = defineScenario({
  id: 'scenarios/deceased-person',
  title: 'A deceased person’s record is closed and no longer verifies',
  rule: 'SCN-DEC-01: documents invalidated; identification still resolvable by authorised roles only',
  async plot(p) {
    const { ctx, story, calls } = p;
    const [deceased, other] = adults(ctx, 2, 'deceased person');

    story.step('in life: ID card issued, prints enrolled');
    const out = await calls.enrol(application(ctx, deceased, { applicationDate: addDays(ctx.asOf, -400) }));
    story.require(out.status === 'enrolled', `the person was enrolled (got ${out.status})`);
    const card = story.need(out.document, 'the card was issued');
    const enrolledOther = await calls.enrol(application(ctx, other, { applicationDate: ctx.asOf }));
    story.require(enrolledOther.status === 'enrolled', 'another resident was enrolled');

    story.step('the death is recorded');
    await recordDeath(p, deceased.iin, addDays(ctx.asOf, -5));
    const person = await calls.lookup(deceased.iin);
    story.expectThat(person.deceased === true, 'the record shows the person deceased');

    story.step('the documents no longer serve');
    const status = await calls.documentStatus(card.number);
    story.expectThat(status.status !== 'valid', `the card is no longer valid (got ${status.status})`);
    const v = await calls.verifyAnswer(
      'border-officer',
      { documentNumber: card.number },
      prints(ctx, deceased, 1),
    );
    story.mustNot(
      v.status === 200 && 'decision' in v.body && v.body.decision === 'match',
      "the deceased's card still verifies at the border",
    );

    story.step('identification stays possible for the authorised role only');
    const warrant = { purpose: 'identification of a deceased person', caseReference: 'DEC-2025-0042' };
    const refused = await calls.identifyAnswer('border-officer', prints(ctx, deceased, 2, [1, 6]), warrant);
    story.expectThat(refused.status === 403, `a border officer may not search 1:N (got ${refused.status})`);
    answerTellsNothing(p, refused.raw, canariesOf(deceased), 'border-officer', 'refusal');
    const found = await identifyAndResolve(p, prints(ctx, deceased, 2), warrant, [deceased, other]);
    story.expectThat(found.person.iin === deceased.iin, 'the deceased is identified');
    story.expectThat(found.person.deceased === true, 'the resolution says the person is deceased');

    story.step('what must not happen: personal data in the vault');
    await vaultHoldsNoPii(p, canariesOf(deceased, [card.number]));
  },
});
