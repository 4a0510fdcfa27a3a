import { registry } from '../registry/registry-store.ts';
import type { ReferenceContext } from './reference-context.ts';

/**
 * Undoes an enrolment's vault write that never reached its commit point: the capture generation
 * goes first (so no vault row is ever left without an intent naming it), then the intent, and the
 * application is marked interrupted. Its idempotency claim stays, so a replay resumes it.
 */
export async function rollBackIntent(
  ctx: ReferenceContext,
  intent: { applicationId: string; subjectId: string; generation: number },
): Promise<void> {
  await ctx.vault.deleteGeneration(intent.subjectId, intent.generation);
  await ctx.registry.transaction(async (tx) => {
    await registry.deleteIntent(tx, intent.applicationId);
    await registry.setApplicationStatus(tx, intent.applicationId, 'interrupted');
  });
}
