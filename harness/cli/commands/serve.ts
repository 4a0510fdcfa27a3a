import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import type { JWK } from 'jose';
import { loadGallery } from '../../../sim/matcher/identification/gallery-file.ts';
import type { ExternalServices } from '../../../sim/reference/external-services.ts';
import { isPlantedFlaw, type PlantedFlaw } from '../../../sim/reference/planted-flaws.ts';
import { openReferenceDatabases } from '../../../sim/reference/reference-databases.ts';
import { createReferenceSystem } from '../../../sim/reference/reference-system.ts';
import { ROLES } from '../../../sim/reference/types.ts';
import { DACTYLO_VERSION } from '../../../sim/runtime/version.ts';
import { httpExternalServices } from '../../../sim/services/external/http-external-services.ts';
import { redactingLogger } from '../../../sim/services/redacting-logger.ts';
import {
  BODY_LIMIT_BYTES,
  createReferenceServer,
  DEFAULT_RATE_LIMIT,
} from '../../../sim/services/reference-server.ts';
import { generateTlsMaterial } from '../../../sim/services/tls-certificates.ts';
import { createTokenIssuer, type TokenIssuer } from '../../../sim/services/token-issuer.ts';
import { tokenVerifier } from '../../../sim/services/token-verifier.ts';
import { type DataKey, MemoryKeyProvider } from '../../../sim/vault/key-provider.ts';
import { referenceApiContract } from '../../contract/reference-api.ts';
import { flawById } from '../../flaws/flaws.ts';
import { CommandError, UsageError } from '../errors.ts';
import { integerOption } from '../options.ts';

export interface ServeOptions {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir?: string;
  tls?: boolean;
  /** Where --tls writes the CA certificate (default: a ca.pem beside the token file, else the working directory). */
  caOut?: string;
  tokenFile?: string;
  tokenTtl: number;
  signingKey?: string;
  vaultKeyFile?: string;
  rateLimit: number;
  populationRegisterUrl?: string;
  documentIssuerUrl?: string;
  smsGatewayUrl?: string;
  /** Where log lines go (default stderr). */
  log?: (line: string) => void;
  /** Plant this flaw (harness/flaws/catalogue.yaml; `dactylo flaws` lists them). */
  flaw?: string;
  /** Template-only entries the 1:N dedup also searches (capacity benchmarks; a `dactylo gallery` file). */
  backgroundGallery?: string;
}

export interface RunningService {
  url: string;
  app: FastifyInstance;
  issuer: TokenIssuer;
  caCertPath?: string;
  caCert?: string;
  /** The flaw planted, if any. */
  flaw: PlantedFlaw | null;
  /** Stops accepting, finishes requests in flight, closes the system and its databases. */
  close(): Promise<void>;
}

/** Starts the reference system behind its HTTP server; the CLI command and the tests share it. */
export async function startReferenceService(o: ServeOptions): Promise<RunningService> {
  if (o.databaseUrl && o.dataDir) throw new UsageError('give --database-url or --data-dir, not both');
  if (o.dataDir && !o.vaultKeyFile)
    throw new UsageError(
      '--data-dir keeps the vault across restarts, so its keys must be kept too (elsewhere): add --vault-key-file FILE',
    );
  const flaw = plantedFlawOf(o.flaw);
  const flaws: ReadonlySet<PlantedFlaw> = new Set(flaw ? [flaw] : []);
  const external = externalServicesOf(o);
  const backgroundGallery = o.backgroundGallery ? galleryOf(o.backgroundGallery) : undefined;
  const log = redactingLogger(o.log ?? ((line) => process.stderr.write(`${line}\n`)));
  const keys = new MemoryKeyProvider(o.vaultKeyFile ? await vaultKeys(o.vaultKeyFile) : undefined);
  const issuer = await createTokenIssuer({
    privateJwk: o.signingKey ? await signingKey(o.signingKey) : undefined,
  });
  const tls = o.tls ? await generateTlsMaterial(o.host) : undefined;
  const url = o.dataDir ? `pglite:${resolve(o.dataDir)}` : o.databaseUrl;
  if (o.dataDir) await mkdir(resolve(o.dataDir), { recursive: true });
  let dbs: Awaited<ReturnType<typeof openReferenceDatabases>>;
  try {
    dbs = await openReferenceDatabases(url);
  } catch (e) {
    throw new CommandError(`cannot open the database: ${(e as Error).message}`);
  }
  const system = await createReferenceSystem({
    registry: dbs.registry,
    vault: dbs.vault,
    migrateAs: { registry: dbs.admin, vault: dbs.admin },
    keys,
    logger: log,
    flaws,
    ...(backgroundGallery ? { backgroundGallery } : {}),
    ...(external ? { externalServices: external } : {}),
  }).catch(async (e) => {
    await dbs.close();
    throw new CommandError(`cannot start the reference system: ${(e as Error).message}`);
  });
  const app = await createReferenceServer({
    system,
    contract: referenceApiContract(),
    auth: tokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, keys: issuer.publicKeys }),
    logger: log,
    rateLimitPerMinute: o.rateLimit,
    https: tls ? { key: tls.key, cert: tls.cert } : undefined,
    flaws,
  });
  if (flaw) log({ level: 'warn', event: 'planted-flaw', flaw });
  const close = async () => {
    await app.close();
    await system.close();
    await dbs.close();
  };
  let address: string;
  try {
    address = await app.listen({ port: o.port, host: o.host });
  } catch (e) {
    await close();
    throw new CommandError(
      `cannot listen on ${o.host}:${o.port}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let caCertPath: string | undefined;
  if (tls) {
    caCertPath = resolve(
      o.caOut ?? join(o.tokenFile ? dirname(o.tokenFile) : '.', 'dactylo-reference-ca.pem'),
    );
    await writeSecret(caCertPath, tls.caCert, 0o644);
  }
  if (o.tokenFile) await writeTokens(o.tokenFile, issuer, o.tokenTtl);
  return { url: address, app, issuer, caCertPath, caCert: tls?.caCert, flaw, close };
}

function plantedFlawOf(id: string | undefined): PlantedFlaw | null {
  if (id === undefined) return null;
  if (!isPlantedFlaw(id))
    throw new UsageError(`--flaw: no flaw '${id}'; \`dactylo flaws\` lists the ones that can be planted`);
  return id;
}

function galleryOf(path: string) {
  try {
    return loadGallery(path);
  } catch (e) {
    throw new CommandError(`--background-gallery: cannot load ${path}: ${(e as Error).message}`);
  }
}

/**
 * The warning a flawed service prints first: it is deliberately broken (to prove certification
 * catches it) and must never hold real people's data.
 */
export function flawWarning(flaw: PlantedFlaw): string {
  const lines = [
    `WARNING: DELIBERATELY FLAWED SERVICE: planted flaw '${flaw}'`,
    `(${flawById(flaw)?.title ?? 'see harness/flaws/catalogue.yaml'})`,
    'This reference system commits a known mistake on purpose, so that `dactylo certify --flaw`',
    'can show the harness catches it. It is NOT fit for real people or real fingerprints.',
    'Restart without --flaw for the clean reference.',
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const rule = '!'.repeat(width + 4);
  return [rule, ...lines.map((l) => `! ${l.padEnd(width)} !`), rule, ''].join('\n');
}

function externalServicesOf(o: ServeOptions): ExternalServices | undefined {
  const urls = [o.populationRegisterUrl, o.documentIssuerUrl, o.smsGatewayUrl];
  if (urls.every((u) => !u)) return undefined;
  if (urls.some((u) => !u))
    throw new UsageError(
      'give all three of --population-register-url, --document-issuer-url, --sms-gateway-url, or none',
    );
  for (const u of urls) {
    if (!/^https?:\/\//.test(String(u)))
      throw new UsageError(`external service URLs must be http(s)://…, got '${u}'`);
  }
  return httpExternalServices({
    populationRegisterUrl: String(o.populationRegisterUrl),
    documentIssuerUrl: String(o.documentIssuerUrl),
    smsGatewayUrl: String(o.smsGatewayUrl),
  });
}

/** A file only its owner can read, that appears complete or not at all. */
async function writeSecret(path: string, text: string, mode = 0o600): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  try {
    await writeFile(temp, text, { mode, flag: 'w' });
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw new CommandError(
      `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

/** The signing key from FILE, or a new one written there so that other processes can mint tokens. */
async function signingKey(path: string): Promise<JWK> {
  if (existsSync(path)) {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as JWK;
    } catch {
      throw new CommandError(`${path} is not a JSON Web Key (not valid JSON)`);
    }
  }
  const fresh = await createTokenIssuer();
  await writeSecret(path, `${JSON.stringify(fresh.privateJwk, null, 2)}\n`);
  return fresh.privateJwk;
}

/** Vault data keys from FILE ({"keys":[{"id","key": base64 of 32 bytes}]}), or new ones written there. */
async function vaultKeys(path: string): Promise<DataKey[]> {
  if (existsSync(path)) {
    try {
      const f = JSON.parse(await readFile(path, 'utf8')) as { keys: { id: string; key: string }[] };
      return f.keys.map((k) => ({ id: k.id, key: Buffer.from(k.key, 'base64') }));
    } catch {
      throw new CommandError(`${path} is not a vault key file ({"keys":[{"id","key"}]})`);
    }
  }
  const provider = new MemoryKeyProvider();
  const keys = provider.ids().map((id) => provider.byId(id));
  const json = { keys: keys.map((k) => ({ id: k.id, key: k.key.toString('base64') })) };
  await writeSecret(path, `${JSON.stringify(json, null, 2)}\n`);
  return keys;
}

async function writeTokens(path: string, issuer: TokenIssuer, ttlSeconds: number): Promise<void> {
  const tokens: Record<string, string> = {};
  const offices: Record<string, string> = { 'psc-operator': 'PSC-ALM-01', 'consulate-officer': 'CONS-BER' };
  for (const role of ROLES)
    tokens[role] = await issuer.mint({ role, subject: `${role}-1`, office: offices[role], ttlSeconds });
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000).toISOString();
  const file = { issuer: issuer.issuer, audience: issuer.audience, expiresAt, tokens };
  await writeSecret(path, `${JSON.stringify(file, null, 2)}\n`);
}

/** What to print once listening: where it is and how to call it. */
export function banner(s: RunningService, o: ServeOptions): string {
  const db = o.databaseUrl
    ? 'PostgreSQL'
    : o.dataDir
      ? `PGlite in ${resolve(o.dataDir)}`
      : 'PGlite in memory';
  const ca = s.caCertPath ? ` --cacert ${s.caCertPath}` : '';
  const token = o.tokenFile ? `$(node -p "require('${resolve(o.tokenFile)}').tokens.certifier")` : '$TOKEN';
  return [
    ...(s.flaw ? [flawWarning(s.flaw)] : []),
    `dactylo ${DACTYLO_VERSION} reference registration system listening on ${s.url}`,
    `  contract ${String(referenceApiContract().info.version)} (harness/contract/reference-api.openapi.json), database: ${db}${s.caCertPath ? `, TLS ≥ 1.2, CA certificate ${s.caCertPath}` : ''}`,
    o.tokenFile
      ? `  tokens (one per role, valid ${o.tokenTtl} s): ${resolve(o.tokenFile)}`
      : '  tokens: restart with --token-file FILE to get one per role, or sign an EdDSA JWT with --signing-key FILE',
    `  (iss ${s.issuer.issuer}, aud ${s.issuer.audience}, claims sub, role, office)`,
    `  try: curl -s${ca} ${s.url}/v1/health`,
    `       curl -s${ca} -H "Authorization: Bearer ${token}" ${s.url}/v1/metrics`,
    '  Ctrl-C (SIGINT) or SIGTERM stops it gracefully.',
    '',
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('serve')
    .description(
      'Start the reference registration system over HTTP (the API in harness/contract/reference-api.openapi.json)',
    )
    .option('--port <n>', 'TCP port (0: any free port)', integerOption('--port', 0, 65535), 8080)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--database-url <url>', 'postgres://… (default: embedded PGlite in memory)')
    .option('--data-dir <dir>', 'keep the embedded PGlite database in DIR (needs --vault-key-file)')
    .option(
      '--vault-key-file <file>',
      "the vault's AES-256 keys (created if absent; keep it away from the data)",
    )
    .option('--tls', 'serve HTTPS (TLS ≥ 1.2) with a CA and server certificate made at start')
    .option('--ca-out <file>', 'where --tls writes the CA certificate')
    .option('--token-file <file>', 'write a token per role there (JSON)')
    .option(
      '--token-ttl <seconds>',
      'lifetime of those tokens',
      integerOption('--token-ttl', 60, 30 * 86400),
      8 * 3600,
    )
    .option('--signing-key <file>', 'Ed25519 private JWK that signs tokens (created if absent)')
    .option(
      '--rate-limit <n>',
      'verify/identify requests per operator per minute (0: off)',
      integerOption('--rate-limit', 0, 1e9),
      DEFAULT_RATE_LIMIT,
    )
    .option('--population-register-url <url>', 'national population database (default: simulated in-process)')
    .option('--document-issuer-url <url>', 'document-issuing system')
    .option('--sms-gateway-url <url>', 'SMS notification gateway')
    .option('--flaw <id>', 'plant one deliberate flaw (`dactylo flaws` lists them); never with real data')
    .option(
      '--background-gallery <file>',
      'template-only gallery the 1:N deduplication also searches (capacity benchmarks)',
    )
    .addHelpText(
      'after',
      `\nBody limit ${BODY_LIMIT_BYTES / 1048576} MiB. Logs (JSON lines, no personal data) go to stderr.`,
    )
    .action(async (o: ServeOptions) => {
      const s = await startReferenceService(o);
      if (s.flaw) process.stderr.write(flawWarning(s.flaw));
      process.stdout.write(banner(s, o));
      await new Promise<void>((done) => {
        const stop = (signal: string) => {
          process.stderr.write(`dactylo: ${signal}: finishing requests in flight and stopping\n`);
          done();
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      await s.close();
    });
}
