import type { Gallery } from '../matcher/identification/gallery.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import type { KeyProvider } from '../vault/key-provider.ts';
import type { ExternalServices } from './external-services.ts';
import type { PlantedFlaw } from './planted-flaws.ts';
import type {
  Actor,
  AuditChainCheck,
  AuditEntry,
  AuditRange,
  DeathRecord,
  EnrolOutcome,
  EnrolRequest,
  IdentifyOutcome,
  IdentifyRequest,
  IssuedDocument,
  Logger,
  MetricsSnapshot,
  PersonView,
  ReportDocumentRequest,
  ResolutionContext,
  VerifyOutcome,
  VerifyRequest,
  WriteOptions,
} from './types.ts';

/** The named steps of an enrolment, where tests inject a crash or a dropped connection. */
export const ENROL_STEPS = [
  'claimed',
  'registry-pending',
  'vault-written',
  'document-issued',
  'registry-committed',
] as const;
export type EnrolStep = (typeof ENROL_STEPS)[number];

export interface FaultOptions {
  /** Stop dead after this step (default: throw SimulatedCrash; a child process SIGKILLs itself). */
  crashAt?: EnrolStep;
  crash?: () => never;
  /** After this step every statement on both databases fails as if the connection dropped. */
  dropConnectionAt?: EnrolStep;
}

export interface ReferenceSystemOptions {
  /** The identity registry's database (role dactylo_registry in a deployment). */
  registry: SqlClient;
  /** The vault's database (role dactylo_vault); may be the same server, never the same role. */
  vault: SqlClient;
  keys: KeyProvider;
  /** Defaults: dedup at FMR 0.01 %, verification at 0.1 % (sim/matcher/thresholds.ts). */
  thresholds?: { dedup?: number; verification?: number };
  externalServices?: ExternalServices;
  /** Now, for timestamps (tests pin it). */
  clock?: () => Date;
  /** Random bytes for subject and application ids (default: the OS CSPRNG). */
  randomBytes?: (n: number) => Uint8Array;
  logger?: Logger;
  /** Run the schema migrations at start (default true), as `migrateAs` when the domain roles cannot. */
  migrate?: boolean;
  /** The owner's connections for migrations (sim/reference/reference-databases.ts gives them). */
  migrateAs?: { registry: SqlClient; vault: SqlClient };
  /** 1:N search threads (default 0: the calling thread). */
  searchWorkers?: number;
  faults?: FaultOptions;
  /** Template-only entries the 1:N dedup also searches (capacity benchmarks only; never in a deployment). */
  backgroundGallery?: Gallery;
  /**
   * Deliberate mistakes to commit (harness/flaws/catalogue.yaml), for proving the certification
   * harness catches them; default none. Never set in a deployment.
   */
  flaws?: ReadonlySet<PlantedFlaw>;
}

/**
 * The reference registration system: the identity registry, the fingerprint vault, the
 * enrolment policy and the audit log behind one object. Every method takes plain data and the
 * acting operator, checks the operator's role (sim/reference/permissions.ts), and throws
 * DomainError with a machine-readable code on bad input; nothing is written when it throws.
 */
export interface ReferenceSystem {
  enrol(request: EnrolRequest, actor: Actor, options: WriteOptions): Promise<EnrolOutcome>;
  verify(request: VerifyRequest, actor: Actor): Promise<VerifyOutcome>;
  identify(request: IdentifyRequest, actor: Actor): Promise<IdentifyOutcome>;
  /** Subject id → person, as the role may see them; every call (found or not) is audited. */
  resolveSubject(subjectId: string, context: ResolutionContext, actor: Actor): Promise<PersonView>;
  lookupResident(iin: string, actor: Actor): Promise<PersonView>;
  reportDocument(
    documentNumber: string,
    report: ReportDocumentRequest,
    actor: Actor,
    options: WriteOptions,
  ): Promise<IssuedDocument>;
  /** A document's kind, dates and status on today's date (expired the day after its expiry date). */
  documentStatus(documentNumber: string, actor: Actor): Promise<IssuedDocument>;
  recordDeath(iin: string, death: DeathRecord, actor: Actor, options: WriteOptions): Promise<void>;
  auditExport(range: AuditRange, actor: Actor): Promise<AuditEntry[]>;
  verifyAuditChain(actor: Actor): Promise<AuditChainCheck>;
  /** Counters only (no PII), for /metrics. */
  metrics(): MetricsSnapshot;
  /** Both databases answer; for /health. */
  health(): Promise<{ registry: boolean; vault: boolean; galleryEntries: number }>;
  close(): Promise<void>;
}

export { createReferenceSystem } from './reference-system-impl.ts';
