import { createHash } from 'node:crypto';
import { ageOn } from '../enrollment/age.ts';
import type { FingerPosition } from '../fingerprints/finger-position.ts';
import { population, type Resident } from '../population/index.ts';
import { MemoryKeyProvider } from '../vault/key-provider.ts';
import { SimulatedExternalServices } from './external-services.ts';
import { openReferenceDatabases } from './reference-databases.ts';
import { createReferenceSystem, type ReferenceSystem } from './reference-system.ts';
import { renderedPrints, syntheticEnrolRequest } from './synthetic-applicants.ts';
import type { Actor, EnrolRequest, EnrolStatus, MetricsSnapshot } from './types.ts';

export interface ReferenceDemoOptions {
  seed: string;
  asOf: string;
  /** Residents of the population to take through a PSC (the first n). */
  residents: number;
  /** postgres://… or pglite:DIR; absent: embedded PGlite in memory. */
  databaseUrl?: string;
  onEnrolled?: () => void;
}

export interface ReferenceDemoReport {
  database: string;
  enrolment: {
    applications: number;
    byStatus: Partial<Record<EnrolStatus, number>>;
    subjects: number;
    templates: number;
  };
  recovery: {
    reported: string;
    status: EnrolStatus;
    channel: string;
    newDocument?: string;
    oldStatus: string;
  };
  identification: {
    probeFingers: number;
    candidates: number;
    rank1IsThePerson: boolean;
    auditedResolutions: number;
  };
  doubleRegistration: { status: EnrolStatus; caseRaised: boolean; identityDisclosed: boolean };
  audit: { entries: number; chainOk: boolean };
  metrics: MetricsSnapshot;
}

const PSC: Actor = { id: 'demo-op-psc-01', role: 'psc-operator', office: 'PSC-AST-01' };
const CONSULATE: Actor = { id: 'demo-op-cons-01', role: 'consulate-officer', office: 'CONS-BER' };
const POLICE: Actor = { id: 'demo-op-police-01', role: 'identification-officer' };
const AUDITOR: Actor = { id: 'demo-op-audit-01', role: 'auditor' };
const IMAGE_FINGERS: FingerPosition[] = [2, 7];

/**
 * A key for the demo only, derived from the seed so that a second run on the same database can
 * read what the first stored. A deployment's keys come from a KMS and are never derivable.
 */
function demoKeys(seed: string): MemoryKeyProvider {
  const key = createHash('sha256').update(`dactylo-demo-only-key\u0000${seed}`).digest();
  return new MemoryKeyProvider([{ id: `demo-${key.subarray(0, 4).toString('hex')}`, key }]);
}

const adult = (r: Resident, asOf: string) =>
  ageOn(r.birthDate, asOf) >= 16 && r.fingers.available.length === 10 && r.status !== 'stateless';

function describeDatabase(url?: string): string {
  if (!url) return 'embedded PGlite, in memory';
  if (url.startsWith('pglite:')) return `embedded PGlite in ${url.slice('pglite:'.length)}`;
  return `PostgreSQL at ${new URL(url).host}`;
}

/**
 * The reference system's story on synthetic residents: a PSC takes the first n residents'
 * applications (template-only prints, except two fingers of one person captured as images), then
 * a lost document is recovered through a consulate (1:1), an undocumented patient is identified
 * (1:N from images, resolution audited), and someone tries to register again under another IIN.
 */
export async function runReferenceDemo(o: ReferenceDemoOptions): Promise<ReferenceDemoReport> {
  const dbs = await openReferenceDatabases(o.databaseUrl);
  let system: ReferenceSystem | undefined;
  try {
    system = await createReferenceSystem({
      registry: dbs.registry,
      vault: dbs.vault,
      migrateAs: { registry: dbs.admin, vault: dbs.admin },
      keys: demoKeys(o.seed),
      externalServices: new SimulatedExternalServices(),
      clock: () => new Date(`${o.asOf}T09:00:00Z`),
    });
    return await story(system, dbs.admin, o);
  } finally {
    await system?.close();
    await dbs.close();
  }
}

async function story(
  system: ReferenceSystem,
  admin: { query: (sql: string) => Promise<Record<string, unknown>[]> },
  o: ReferenceDemoOptions,
): Promise<ReferenceDemoReport> {
  const residents = [...population({ seed: o.seed, count: o.residents, asOf: o.asOf })];
  const adults = residents.filter((r) => adult(r, o.asOf));
  if (adults.length < 3) throw new RangeError('the demo needs at least three adults: enrol more residents');
  const [patient, traveller, registered] = adults;
  const key = (what: string) => `demo-${o.asOf}-${what}`;
  const byStatus: Partial<Record<EnrolStatus, number>> = {};
  const firstDocument = new Map<number, string>();
  for (const r of residents) {
    const request = syntheticEnrolRequest(r, { seed: o.seed, applicationDate: o.asOf, impression: 0 });
    if (r === traveller && r.status === 'citizen') request.document = 'passport';
    if (r === patient) withImages(request, o.seed, r.index, 1);
    const out = await system.enrol(request, PSC, { idempotencyKey: key(`enrol-${r.index}`) });
    byStatus[out.status] = (byStatus[out.status] ?? 0) + 1;
    if (out.document) firstDocument.set(r.index, out.document.number);
    o.onEnrolled?.();
  }
  const [{ n: templates }] = await admin.query('SELECT count(*)::int AS n FROM vault.templates');
  const [{ n: subjects }] = await admin.query('SELECT count(*)::int AS n FROM registry.subject_links');

  // Recovery: the traveller loses the document abroad and applies at a consulate.
  const lost = firstDocument.get(traveller.index)!;
  const reported = await system.reportDocument(lost, { kind: 'lost', date: o.asOf }, CONSULATE, {
    idempotencyKey: key('report-lost'),
  });
  const recoveryRequest = syntheticEnrolRequest(traveller, {
    seed: o.seed,
    applicationDate: o.asOf,
    impression: 1,
    trigger: 'loss',
    channel: { kind: 'consulate', office: 'CONS-BER' },
    document: reported.kind,
  });
  const recovered = await system.enrol(recoveryRequest, CONSULATE, { idempotencyKey: key('recover') });
  const old = await system.documentStatus(lost, CONSULATE);

  // Identification: an unconscious patient without documents; two fingers captured as images.
  const context = { purpose: 'unidentified hospital patient', caseReference: 'DEMO-HOSP-001' };
  const probe = renderedPrints(o.seed, patient.index, 2, IMAGE_FINGERS);
  const found = await system.identify({ fingerprints: probe, ...context }, POLICE);
  let rank1IsThePerson = false;
  if (found.candidates.length > 0) {
    const person = await system.resolveSubject(found.candidates[0].subjectId, context, POLICE);
    rank1IsThePerson = person.iin === patient.iin;
  }

  // Double registration: a newcomer's application carries an enrolled resident's fingers.
  const newcomer = [...population({ seed: o.seed, count: 200, asOf: o.asOf, start: o.residents })].find((r) =>
    adult(r, o.asOf),
  )!;
  const fake = syntheticEnrolRequest(newcomer, {
    seed: o.seed,
    applicationDate: o.asOf,
    fingersOf: registered.index,
    impression: 2,
  });
  const blocked = await system.enrol(fake, PSC, { idempotencyKey: key('double-registration') });
  const text = JSON.stringify(blocked);

  const log = await system.auditExport({}, AUDITOR);
  const chain = await system.verifyAuditChain(AUDITOR);
  return {
    database: describeDatabase(o.databaseUrl),
    enrolment: {
      applications: residents.length,
      byStatus,
      subjects: Number(subjects),
      templates: Number(templates),
    },
    recovery: {
      reported: reported.kind,
      status: recovered.status,
      channel: recoveryRequest.channel.kind,
      newDocument: recovered.document?.kind,
      oldStatus: old.status,
    },
    identification: {
      probeFingers: probe.length,
      candidates: found.candidates.length,
      rank1IsThePerson,
      auditedResolutions: log.filter((e) => e.action === 'resolve-subject').length,
    },
    doubleRegistration: {
      status: blocked.status,
      caseRaised: blocked.caseId !== undefined,
      identityDisclosed: text.includes(registered.iin) || text.includes(registered.surname),
    },
    audit: { entries: chain.entries, chainOk: chain.ok },
    metrics: system.metrics(),
  };
}

/** Replaces two fingers' templates with rendered images, to be extracted by the reference extractor. */
function withImages(request: EnrolRequest, seed: string, subject: number, impression: number): void {
  const images = renderedPrints(seed, subject, impression, IMAGE_FINGERS);
  request.fingerprints = request.fingerprints.map((f) => images.find((i) => i.position === f.position) ?? f);
}
