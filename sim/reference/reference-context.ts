import type { AuditRecord } from '../audit/audit-chain.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import type { VaultStore } from '../vault/vault-store.ts';
import { DomainError, isDomainError } from './domain-error.ts';
import type { ExternalServices } from './external-services.ts';
import type { Faults } from './faults.ts';
import type { Counters } from './metrics.ts';
import type { PlantedFlaw } from './planted-flaws.ts';
import type { SubjectGallery } from './subject-gallery.ts';
import type { Actor, Logger } from './types.ts';

/** What every operation of the reference system works with. */
export interface ReferenceContext {
  registry: SqlClient;
  vault: VaultStore;
  gallery: SubjectGallery;
  services: ExternalServices;
  thresholds: { dedup: number; verification: number };
  faults: Faults;
  counters: Counters;
  log: Logger;
  now(): Date;
  newId(): string;
  randomBytes(n: number): Uint8Array;
  /** Deliberate mistakes to commit (harness/flaws/catalogue.yaml); empty in the clean reference. */
  flaws: ReadonlySet<PlantedFlaw>;
}

export function today(ctx: ReferenceContext): string {
  return ctx.now().toISOString().slice(0, 10);
}

export function auditRecord(
  ctx: ReferenceContext,
  actor: Actor,
  action: string,
  subjects: string[],
  purpose: string | null = null,
  caseReference: string | null = null,
): AuditRecord {
  return {
    at: ctx.now().toISOString(),
    actorId: actor.id,
    role: actor.role,
    action,
    purpose,
    caseReference,
    subjects,
  };
}

export async function audit(ctx: ReferenceContext, tx: SqlClient, record: AuditRecord): Promise<void> {
  await appendAudit(tx, record, ctx.flaws);
}

/** Calls an external service; any failure becomes one typed error that names the service only. */
export async function external<T>(
  ctx: ReferenceContext,
  service: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (e) {
    ctx.counters.add(`external_failures_${service.replaceAll('-', '_')}_total`);
    if (isDomainError(e)) throw e;
    throw new DomainError('external-service-unavailable', `${service} did not answer; retry later`);
  }
}
