import type { FingerPosition } from '../../sim/fingerprints/finger-position.ts';
import { templateOnlyImpression, templateOnlyMaster } from '../../sim/fingerprints/template-only.ts';
import { encodeIsoTemplate } from '../../sim/matcher/iso19794-2.ts';
import { ageOn, parseIso, population, type Resident } from '../../sim/population/index.ts';
import { stream } from '../../sim/random/index.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';
import type { ContractInfo } from './contract-operations.ts';
import type { LoadDataManifest, PreparedOperation, RequestRecord } from './load-data-manifest.ts';
import { type LoadProfile, PROFILE_DEFAULTS } from './load-profile.ts';

export type { LoadDataManifest, PreparedOperation, RequestRecord };

/**
 * Payloads for a load run, prepared before it starts so that generating prints never competes with
 * sending them: synthetic residents from sim/population, fingerprints as ISO/IEC 19794-2 records of
 * template-only impressions (sim/fingerprints). Residents are split into a `setup` pool, enrolled
 * before the timed run so that verification, identification and lookups find them, and a `fresh` pool
 * that the timed enrolments use.
 */

export interface LoadData {
  manifest: LoadDataManifest;
  /** File name → its RequestRecords, in the order they are written. */
  files: Map<string, RequestRecord[]>;
}

/** Operations that find people only if they were enrolled before the run. */
const NEEDS_ENROLLED = new Set([
  'verify',
  'identify',
  'lookupResident',
  'getDocumentStatus',
  'reportDocument',
]);
const APPLICATION_DATE = '2025-01-01';
/** Fingers probed in verification and identification, in order of preference (indexes, then thumbs). */
const PROBE_FINGERS: FingerPosition[] = [2, 7, 1, 6, 3, 8];
const STATUS_OF: Record<Resident['status'], string> = {
  citizen: 'citizen',
  'foreign-permanent-resident': 'permanent-resident',
  stateless: 'stateless',
};

/** Adults whose enrolment the reference accepts: covered status, alive, primary document, a finger. */
function eligible(r: Resident): boolean {
  const day = parseIso(APPLICATION_DATE);
  if (ageOn(parseIso(r.birthDate), day) < 18) return false;
  if (r.events.some((e) => (e.type === 'died' || e.type === 'moved-abroad') && e.date <= APPLICATION_DATE))
    return false;
  return r.documents.length > 0 && r.fingers.available.some((p) => PROBE_FINGERS.includes(p));
}

function residents(seed: string, count: number): Resident[] {
  const out: Resident[] = [];
  // Roughly three residents in four are adults with a finger to probe; 4× leaves a wide margin.
  for (const r of population({ seed, count: count * 4, asOf: APPLICATION_DATE })) {
    if (eligible(r)) out.push(r);
    if (out.length === count) return out;
  }
  throw new Error(`only ${out.length} of ${count * 4} synthetic residents are eligible adults`);
}

function isoBase64(seed: string, r: Resident, position: FingerPosition, impression: number): string {
  const master = templateOnlyMaster(seed, r.index, position);
  return Buffer.from(encodeIsoTemplate(templateOnlyImpression(master, impression))).toString('base64');
}

function fingerprint(seed: string, r: Resident, position: FingerPosition, impression: number) {
  return { position, format: 'iso19794-2', data: isoBase64(seed, r, position, impression) };
}

function probeFingers(r: Resident, n: number): FingerPosition[] {
  return PROBE_FINGERS.filter((p) => r.fingers.available.includes(p)).slice(0, n);
}

function idempotencyKey(seed: string, operation: string, k: number): string {
  const rnd = stream(seed, 'load-data', 'idempotency-key', operation, k);
  return Array.from({ length: 4 }, () => rnd.uint32().toString(16).padStart(8, '0')).join('');
}

function enrolment(seed: string, r: Resident): RequestRecord {
  const doc = r.documents[0];
  return {
    idempotencyKey: idempotencyKey(seed, 'enrol', r.index),
    body: {
      applicationDate: APPLICATION_DATE,
      document: doc.kind,
      trigger: 'first-issue',
      applicant: {
        iin: r.iin,
        surname: r.surname,
        givenName: r.givenName,
        patronymic: r.patronymic,
        status: STATUS_OF[r.status],
        citizenship: r.citizenship,
      },
      fingerprints: r.fingers.available.map((p) => fingerprint(seed, r, p, 0)),
      missingFingers: r.fingers.unavailable.map((u) => ({
        position: u.position,
        reason: u.reason === 'no-papillary-pattern' ? 'no-pattern' : u.reason,
      })),
    },
  };
}

type Builder = (seed: string, pool: Resident[], k: number) => RequestRecord;

/** How each operation of the contract is exercised; an operation missing here cannot be in a profile. */
export const PAYLOAD_BUILDERS: Record<string, Builder> = {
  getHealth: () => ({}),
  getContractInfo: () => ({}),
  getMetrics: () => ({}),
  exportAudit: () => ({ path: '/v1/audit/events?limit=100' }),
  enrol: (seed, pool, k) => enrolment(seed, pool[k]),
  verify: (seed, pool, k) => ({
    body: {
      iin: pool[k].iin,
      fingerprints: probeFingers(pool[k], 1).map((p) => fingerprint(seed, pool[k], p, 1)),
    },
  }),
  identify: (seed, pool, k) => ({
    body: {
      purpose: 'Identification of a person without documents (load test)',
      caseReference: `LOAD-${String(k).padStart(6, '0')}`,
      fingerprints: probeFingers(pool[k], 2).map((p) => fingerprint(seed, pool[k], p, 2)),
    },
  }),
  lookupResident: (_seed, pool, k) => ({ body: { iin: pool[k].iin } }),
  // The population's own document number stands in until the setup phase learns the issued one.
  getDocumentStatus: (_seed, pool, k) => ({
    body: { documentNumber: pool[k].documents[0].number },
    documentFromSetup: k,
  }),
  reportDocument: (seed, pool, k) => ({
    idempotencyKey: idempotencyKey(seed, 'reportDocument', pool[k].index),
    body: { documentNumber: pool[k].documents[0].number, event: 'lost', date: APPLICATION_DATE },
    documentFromSetup: k,
  }),
};

/** Operations of a profile that the contract or the payload builders do not know, for a clear error. */
export function unknownOperations(profile: LoadProfile, contract: ContractInfo): string[] {
  return profile.mix
    .map((m) => m.operationId)
    .filter((id) => !contract.operations.has(id) || !PAYLOAD_BUILDERS[id]);
}

function prepared(
  contract: ContractInfo,
  operationId: string,
  file: string,
  count: number,
): PreparedOperation {
  const op = contract.operations.get(operationId);
  if (!op) throw new Error(`operation '${operationId}' is not in the contract`);
  return { method: op.method, path: op.path, role: op.roles[0] ?? null, file, count };
}

/** Every payload a profile needs, from the seed alone: the same seed gives the same bytes. */
export function loadData(profile: LoadProfile, contract: ContractInfo, seed: string): LoadData {
  const unknown = unknownOperations(profile, contract);
  if (unknown.length > 0)
    throw new Error(`profile ${profile.name}: no payloads for operation(s) ${unknown.join(', ')}`);
  const ids = profile.mix.map((m) => m.operationId);
  const n = profile.dataset?.residents ?? PROFILE_DEFAULTS.residents;
  const needsSetup = ids.some((id) => NEEDS_ENROLLED.has(id));
  const needsFresh = ids.includes('enrol');
  const people = residents(seed, n * (needsSetup && needsFresh ? 2 : 1));
  const setupPool = needsSetup ? people.slice(0, n) : [];
  const freshPool = needsFresh ? people.slice(needsSetup ? n : 0) : [];
  const files = new Map<string, RequestRecord[]>();
  const operations: Record<string, PreparedOperation> = {};
  for (const id of ids) {
    const pool = id === 'enrol' ? freshPool : setupPool;
    // Operations without a person in them (health, metrics, audit) need one request, repeated.
    const count = id === 'enrol' || NEEDS_ENROLLED.has(id) ? pool.length : 1;
    const file = `${id}.ndjson`;
    files.set(
      file,
      Array.from({ length: count }, (_, k) => PAYLOAD_BUILDERS[id](seed, pool, k)),
    );
    operations[id] = prepared(contract, id, file, count);
  }
  let setup: PreparedOperation | null = null;
  if (needsSetup) {
    files.set(
      'setup-enrol.ndjson',
      setupPool.map((r) => enrolment(seed, r)),
    );
    setup = prepared(contract, 'enrol', 'setup-enrol.ndjson', setupPool.length);
  }
  return {
    manifest: {
      kind: 'dactylo-load-data',
      version: DACTYLO_VERSION,
      seed,
      profile: profile.name,
      contract: { title: contract.title, version: contract.version },
      applicationDate: APPLICATION_DATE,
      operations,
      setup,
    },
    files,
  };
}
