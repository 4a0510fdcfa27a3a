import { adult, application, canariesOf } from './applicants.ts';
import type { Plot } from './scenario-kit.ts';
import {
  defineScenario,
  vaultHoldsNoPii,
  vaultNeverMentions,
  vaultRows,
  vaultUnchanged,
} from './scenario-kit.ts';
import { rowsHolding } from './storage-checks.ts';

/** The identity registry holds the refusal under Article 443-1, in exactly one row. */
export async function refusalRecorded(p: Plot, refusalId: string): Promise<void> {
  const registry = p.ctx.target.identityRegistry;
  if (!registry) {
    p.story.note('registry', 'not inspected: the target gives no access to its identity registry');
    return;
  }
  const rows = (await rowsHolding(registry, refusalId)).filter((r) => r.includes('443-1'));
  p.story.expectThat(
    rows.length === 1,
    `the registry holds one refusal record under Article 443-1 (found ${rows.length})`,
  );
}

/** An adult obliged to give prints refuses at the PSC: no card, an administrative record, nothing in the vault. */
export const refusal = defineScenario({
  id: 'scenarios/refusal',
  title: 'Refusal: administrative liability record, no vault record',
  rule: 'SCN-REF-01, POL-REF-01: refusal by a person who must enrol (CAO Article 443-1)',
  requires: ['api', 'fingerprint-database', 'identity-registry'],
  async plot(p) {
    const { ctx, story, calls } = p;
    const citizen = adult(ctx, 'refusal');

    story.step('the citizen applies for an ID card and refuses to give prints');
    const before = await vaultRows(ctx);
    const body = application(ctx, citizen, { applicationDate: ctx.asOf, refuses: true });
    const out = await calls.enrol({ ...body, fingerprints: [] });
    story.expectThat(out.status === 'refused', `the application is refused (got ${out.status})`);
    story.mustNot(out.document !== undefined, 'a card is issued');
    const refusalId = story.need(out.refusalId, 'the answer names the refusal record');

    story.step('the registry holds the refusal');
    await refusalRecorded(p, refusalId);

    story.step('what must not happen: anything new in the vault');
    await vaultUnchanged(p, before, 'the refusal wrote to the vault');
    await vaultNeverMentions(p, refusalId, 'the vault holds the refusal record');
    await vaultHoldsNoPii(p, canariesOf(citizen));
  },
});
