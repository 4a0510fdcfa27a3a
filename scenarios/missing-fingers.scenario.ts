import { adult, application, canariesOf, prints } from './applicants.ts';
import { defineScenario, vaultHoldsNoPii } from './scenario-kit.ts';

const MISSING = [
  { position: 2, reason: 'amputation' },
  { position: 7, reason: 'scar' },
] as const;

/** A worker lost his right index finger in an accident and has a scarred left index: eight fingers enrol. */
export const missingFingers = defineScenario({
  id: 'scenarios/missing-fingers',
  title: 'A person with missing fingers enrols the fingers that exist',
  rule: 'SCN-MIS-01, POL-MIS-01: enrol the fingers that exist, record which are missing and why',
  async plot(p) {
    const { ctx, story, calls } = p;
    const base = adult(ctx, 'missing fingers');
    const worker = {
      ...base,
      fingers: {
        available: base.fingers.available.filter((f) => !MISSING.some((m) => m.position === f)),
        unavailable: MISSING.map((m) => ({ position: m.position, reason: m.reason })),
      },
    };

    story.step('he applies with eight fingers, two recorded missing');
    const out = await calls.enrol(application(ctx, worker, { applicationDate: ctx.asOf }));
    story.expectThat(out.status === 'enrolled', `he is enrolled (got ${out.status})`);
    story.expectThat(
      JSON.stringify([...out.fingersCaptured].sort((a, b) => a - b)) ===
        JSON.stringify([1, 3, 4, 5, 6, 8, 9, 10]),
      `the eight existing fingers are captured (got ${out.fingersCaptured.join(', ')})`,
    );
    story.expectThat(
      MISSING.every((m) =>
        out.missingFingers.some((f) => f.position === m.position && f.reason === m.reason),
      ),
      'the two missing fingers are recorded with their reasons',
    );
    const card = story.need(out.document, 'a card is issued');

    story.step('verification uses the fingers that exist');
    const v = await calls.verify(
      'psc-operator',
      { documentNumber: card.number },
      prints(ctx, worker, 1, [3, 8]),
    );
    story.expectThat(v.decision === 'match', 'two of his existing fingers verify');

    story.step('what must not happen: personal data in the vault');
    await vaultHoldsNoPii(p, canariesOf(worker, [card.number]));
  },
});
