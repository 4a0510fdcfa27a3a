import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { POPULATION_TUNING } from '../../sim/population/tuning.ts';
import { stream } from '../../sim/random/index.ts';
import type { PlantedFlaw } from '../../sim/reference/planted-flaws.ts';
import { openReferenceDatabases, type ReferenceDatabases } from '../../sim/reference/reference-databases.ts';
import {
  createReferenceSystem,
  ENROL_STEPS,
  type EnrolStep,
  type FaultOptions,
  type ReferenceSystem,
  type ReferenceSystemOptions,
} from '../../sim/reference/reference-system.ts';
import { ROLES, type Role } from '../../sim/reference/types.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';
import { createDeviceServer } from '../../sim/scanner/device-server.ts';
import { scannerProfile } from '../../sim/scanner/index.ts';
import { VirtualScanner } from '../../sim/scanner/virtual-scanner.ts';
import { redactingLogger } from '../../sim/services/redacting-logger.ts';
import { createReferenceServer } from '../../sim/services/reference-server.ts';
import { generateTlsMaterial, type TlsMaterial } from '../../sim/services/tls-certificates.ts';
import { createTokenIssuer } from '../../sim/services/token-issuer.ts';
import { tokenVerifier } from '../../sim/services/token-verifier.ts';
import { postgresClient } from '../../sim/storage/pg-client.ts';
import { MemoryKeyProvider } from '../../sim/vault/key-provider.ts';
import { openTemplate } from '../../sim/vault/template-cipher.ts';
import { outageSwitch } from '../certify/external-outage.ts';
import { readOnlyClient } from '../certify/read-only-client.ts';
import { dumpSchemas } from '../certify/sql-dump.ts';
import { referenceApiContract } from '../contract/reference-api.ts';
import type { Capability } from '../requirements/requirement.ts';
import { standardTargets } from '../scanner/target-catalogue.ts';
import type { CertificationTarget, InProcessHooks } from './certification-target.ts';
import { type HttpTransport, injectTransport } from './http-transport.ts';
import { mockedExternalServices } from './mocked-external-services.ts';
import { ReferenceApiClient } from './reference-api-client.ts';

/** Offices of the operators whose role takes applications (the token carries them). */
export const OFFICES: Partial<Record<Role, string>> = {
  'psc-operator': 'PSC-ALM-01',
  'consulate-officer': 'CONS-BER',
};

/**
 * Every read of the system's clock moves it on by this much, so that records get distinct,
 * reproducible instants (an "exact timestamp" flaw then really identifies a row), while a full run
 * of some 100 000 reads stays within one working day.
 */
const CLOCK_TICK_MS = 100;
/** Tokens outlive the longest full run on a slow machine. */
const TOKEN_TTL_SECONDS = 6 * 3600;
/** The scanner a PSC of the reference deployment uses (a certified-class virtual device). */
export const REFERENCE_SCANNER_PROFILE = 'optical-500';

interface ScannerDevice {
  name: string;
  deviceUrl: string;
  close(): Promise<void>;
}

/** The reference deployment's scanner behind the device API, on a free local port. */
async function startScanner(seed: string): Promise<ScannerDevice> {
  const profile = scannerProfile(REFERENCE_SCANNER_PROFILE);
  const scanner = new VirtualScanner(profile, { seed });
  const { nominalPpi } = profile.resolution;
  const targets = standardTargets(nominalPpi, profile.captureArea.widthMm, profile.captureArea.heightMm);
  const app = createDeviceServer(scanner, { targets });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { name: `${profile.name} (virtual)`, deviceUrl: url, close: () => app.close() };
}

export interface ReferenceCertificationTargetOptions {
  seed: string;
  /** A planted flaw (`dactylo certify --flaw`); absent: the clean reference. */
  flaw?: PlantedFlaw | null;
  /** postgres://… : a fresh database is created on that server and dropped at close; absent: PGlite. */
  databaseUrl?: string;
  /** Also start an independent second deployment (own databases, keys and random stream). */
  secondDeployment?: boolean;
  /** The target's clock at start (default: the population's default as-of date, 09:00 UTC). */
  startAt?: Date;
}

interface Storage {
  dbs: ReferenceDatabases;
  drop(): Promise<void>;
}

/** A throw-away database on the server `url` names, or an in-memory PGlite. */
async function openStorage(url: string | undefined): Promise<Storage> {
  if (!url) {
    const dbs = await openReferenceDatabases();
    return { dbs, drop: () => dbs.close() };
  }
  const name = `dactylo_cert_${cryptoRandomBytes(6).toString('hex')}`;
  const admin = postgresClient(url, { max: 1 });
  await admin.exec(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const dbs = await openReferenceDatabases(target.toString());
  return {
    dbs,
    async drop() {
      await dbs.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

/** Random bytes drawn from the seed's stream: subject and application ids reproduce run to run. */
function seededBytes(seed: string, deployment: string): (n: number) => Uint8Array {
  const r = stream(seed, 'reference-target', deployment, 'ids');
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const w = r.uint32();
      for (let k = 0; k < 4 && i + k < n; k++) out[i + k] = (w >>> (8 * k)) & 0xff;
    }
    return out;
  };
}

function seededKeys(seed: string, deployment: string): MemoryKeyProvider {
  const bytes = seededBytes(`${seed}\u0000keys`, deployment);
  const id = `k1-${Buffer.from(bytes(4)).toString('hex')}`;
  return new MemoryKeyProvider([{ id, key: Buffer.from(bytes(32)) }]);
}

function faultOptions(o: { crashAt?: string; dropConnectionAt?: string } = {}): FaultOptions {
  const step = (s: string | undefined, what: string): EnrolStep | undefined => {
    if (s === undefined) return undefined;
    if (!(ENROL_STEPS as readonly string[]).includes(s))
      throw new RangeError(`${what} must be one of ${ENROL_STEPS.join(', ')}; got '${s}'`);
    return s as EnrolStep;
  };
  return {
    crashAt: step(o.crashAt, 'crashAt'),
    dropConnectionAt: step(o.dropConnectionAt, 'dropConnectionAt'),
  };
}

/** Tries every key the deployment holds: the stored cell is the row's nonce followed by its sealed bytes. */
function templateDecryptor(keys: MemoryKeyProvider): InProcessHooks['decryptTemplate'] {
  return (stored, aad) => {
    // A template stored in clear (no nonce: the templates-unencrypted flaw) has nothing to decrypt.
    if (!stored || stored.length < 12 + 16) return null;
    const nonce = Buffer.from(stored.subarray(0, 12));
    const sealed = Buffer.from(stored.subarray(12));
    for (const keyId of keys.ids()) {
      try {
        return openTemplate(keys, aad.subjectId, aad.position, { keyId, nonce, sealed });
      } catch {
        // Wrong key, wrong row, or not a sealed template at all: try the next key.
      }
    }
    return null;
  };
}

/**
 * The dactylo reference system as a certification target, in-process: its own databases (PGlite,
 * or a fresh database on a PostgreSQL server), the HTTP server reached through fastify's inject (no
 * socket, same routes, hooks and validation) and also listening with TLS on 127.0.0.1 for the
 * protocol tests, a token per role, and every in-process hook. Deterministic for a seed: ids, keys
 * and the clock come from the seed; a second deployment draws from a different stream.
 */
export async function startReferenceCertificationTarget(
  o: ReferenceCertificationTargetOptions,
): Promise<CertificationTarget> {
  const second = o.secondDeployment
    ? await startDeployment(o, 'second', null).catch((e: unknown) => {
        throw new Error(`the second reference deployment did not start: ${(e as Error).message}`);
      })
    : undefined;
  try {
    return await startDeployment(o, 'first', second ?? null);
  } catch (e) {
    await second?.close();
    throw e;
  }
}

async function startDeployment(
  o: ReferenceCertificationTargetOptions,
  deployment: 'first' | 'second',
  second: CertificationTarget | null,
): Promise<CertificationTarget> {
  const flaws: ReadonlySet<PlantedFlaw> = new Set(o.flaw ? [o.flaw] : []);
  let now = o.startAt ?? new Date(`${POPULATION_TUNING.defaultAsOf}T09:00:00Z`);
  const tick = () => {
    const t = now;
    now = new Date(now.getTime() + CLOCK_TICK_MS);
    return t;
  };
  const logLines: string[] = [];
  const logger = redactingLogger(
    (l) => logLines.push(l),
    () => now,
  );
  const storage = await openStorage(o.databaseUrl);
  const { dbs } = storage;
  const keys = seededKeys(o.seed, deployment);
  const external = mockedExternalServices();
  const outage = outageSwitch(external.services);
  const randomBytes = seededBytes(o.seed, deployment);
  const systemOptions = (faults: FaultOptions): ReferenceSystemOptions => ({
    registry: dbs.registry,
    vault: dbs.vault,
    migrateAs: { registry: dbs.admin, vault: dbs.admin },
    keys,
    externalServices: outage.services,
    clock: tick,
    randomBytes,
    logger,
    faults,
    flaws,
  });
  const issuer = await createTokenIssuer();
  const auth = tokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, keys: issuer.publicKeys });
  const tlsMaterial: TlsMaterial = await generateTlsMaterial('127.0.0.1', new Date());
  const serve = (system: ReferenceSystem): Promise<FastifyInstance> =>
    createReferenceServer({
      system,
      contract: referenceApiContract(),
      auth,
      logger,
      https: { key: tlsMaterial.key, cert: tlsMaterial.cert },
      flaws,
    });

  let system: ReferenceSystem;
  let app: FastifyInstance;
  try {
    system = await createReferenceSystem(systemOptions({}));
    app = await serve(system);
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (e) {
    await storage.drop();
    external.release();
    throw e;
  }
  let scanner: ScannerDevice | null = null;
  if (deployment === 'first')
    try {
      scanner = await startScanner(o.seed);
    } catch (e) {
      await app.close();
      await system.close();
      await storage.drop();
      external.release();
      throw e;
    }
  const address = app.server.address();
  const tlsPort = typeof address === 'object' && address ? address.port : 0;

  const tokens = {} as Record<Role, string>;
  for (const role of ROLES)
    tokens[role] = await issuer.mint({
      role,
      subject: `${role}-cert`,
      office: OFFICES[role],
      ttlSeconds: TOKEN_TTL_SECONDS,
    });
  // Through whichever server is current, so a restart is transparent to clients already handed out.
  const transport: HttpTransport = (r) => injectTransport(app)(r);
  const client = (role?: Role) =>
    new ReferenceApiClient({ transport, token: role ? tokens[role] : undefined });

  const hooks: InProcessHooks = {
    flaw: o.flaw ?? null,
    decryptTemplate: templateDecryptor(keys),
    async restart(r) {
      const faults = faultOptions(r);
      await app.close();
      await system.close();
      system = await createReferenceSystem(systemOptions(faults));
      app = await serve(system);
      await app.listen({ host: '127.0.0.1', port: tlsPort });
    },
    setExternalOutage: (down) => outage.set(down),
    setClock(d) {
      now = new Date(d.getTime());
    },
    now: () => new Date(now.getTime()),
    ownerDatabase: dbs.admin,
  };

  const info = await client().getContractInfo();
  const contractVersion =
    info.status === 200 && typeof info.body === 'object' && 'contractVersion' in info.body
      ? info.body.contractVersion
      : null;
  const capabilities = new Set<Capability>([
    'api',
    'all-roles',
    'fingerprint-database',
    'identity-registry',
    'logs',
    'metrics',
    'dump',
  ]);
  if (second) capabilities.add('second-deployment');
  if (scanner) capabilities.add('scanners');
  const fingerprintDatabase = { db: readOnlyClient(dbs.vault), schemas: ['vault'] };

  return {
    identity: {
      kind: 'reference',
      name:
        deployment === 'first' ? 'dactylo reference system' : 'dactylo reference system (second deployment)',
      version: DACTYLO_VERSION,
      baseUrl: null,
      configDigest: null,
    },
    capabilities,
    contractVersion,
    transport,
    client,
    token: (role) => tokens[role],
    fingerprintDatabase,
    identityRegistry: { db: readOnlyClient(dbs.registry), schemas: ['registry', 'audit'] },
    readLogs: async () => [...logLines],
    async readMetrics() {
      const res = await client('certifier').getMetrics();
      if (res.status !== 200) throw new Error(`the reference's /v1/metrics answered ${res.status}`);
      return res.raw;
    },
    async readDump() {
      return new TextEncoder().encode(await dumpSchemas(fingerprintDatabase.db, fingerprintDatabase.schemas));
    },
    ...(second ? { secondDeployment: second } : {}),
    tls: { host: '127.0.0.1', port: tlsPort, caCert: tlsMaterial.caCert },
    tokenKeys: {
      publicKeys: issuer.publicKeys,
      issuer: issuer.issuer,
      audience: issuer.audience,
      signingJwk: issuer.privateJwk,
    },
    ...(scanner ? { scanners: [{ name: scanner.name, deviceUrl: scanner.deviceUrl }] } : {}),
    hooks,
    async close() {
      await scanner?.close();
      await app.close();
      await system.close();
      await storage.drop();
      external.release();
      await second?.close();
    },
  };
}
