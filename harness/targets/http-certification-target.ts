import { readFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import type { JSONWebKeySet } from 'jose';
import type { Role } from '../../sim/reference/types.ts';
import { postgresClient } from '../../sim/storage/pg-client.ts';
import type { SqlClient } from '../../sim/storage/sql-client.ts';
import { readOnlyClient } from '../certify/read-only-client.ts';
import {
  type DatabaseSource,
  type LoadedTargetConfig,
  ROLES,
  resolveSecret,
  type TargetConfig,
  type TextSource,
  type TokenSource,
} from '../certify/target-config.ts';
import type { Capability } from '../requirements/requirement.ts';
import type { CertificationTarget, DatabaseAccess, TlsEndpoint, TokenKeys } from './certification-target.ts';
import type { HttpTransport } from './http-transport.ts';
import { networkTransport } from './https-transport.ts';
import { ReferenceApiClient } from './reference-api-client.ts';

export interface HttpTargetOptions {
  /** Called once per thing the adapter could not set up (a token, a database), with the reason. */
  warn?: (message: string) => void;
}

/** OAuth 2.0 client-credentials grant (RFC 6749 §4.4), client authenticated in the body (§2.3.1). */
async function clientCredentialsToken(
  c: Extract<TokenSource, { clientCredentials: unknown }>['clientCredentials'],
  ca: string | undefined,
  timeoutMs: number,
): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: c.clientId,
    client_secret: await resolveSecret(c.clientSecret),
  });
  if (c.scope) form.set('scope', c.scope);
  if (c.audience) form.set('audience', c.audience);
  const url = new URL(c.tokenUrl);
  const res = await networkTransport(url.origin, { ca, timeoutMs })({
    method: 'POST',
    path: `${url.pathname}${url.search}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
  });
  if (res.status !== 200) throw new Error(`the token endpoint ${c.tokenUrl} answered HTTP ${res.status}`);
  let token: unknown;
  try {
    token = (JSON.parse(res.body) as { access_token?: unknown }).access_token;
  } catch {
    throw new Error(`the token endpoint ${c.tokenUrl} did not answer JSON`);
  }
  if (typeof token !== 'string' || token === '')
    throw new Error(`the token endpoint ${c.tokenUrl} answered without an access_token`);
  return token;
}

async function tokenFor(source: TokenSource, ca: string | undefined, timeoutMs: number): Promise<string> {
  return 'token' in source
    ? resolveSecret(source.token)
    : clientCredentialsToken(source.clientCredentials, ca, timeoutMs);
}

async function resolveTokens(
  sources: Partial<Record<Role, TokenSource>>,
  ca: string | undefined,
  timeoutMs: number,
  warn: (m: string) => void,
): Promise<Partial<Record<Role, string>>> {
  const out: Partial<Record<Role, string>> = {};
  for (const role of ROLES) {
    const source = sources[role];
    if (!source) continue;
    try {
      out[role] = await tokenFor(source, ca, timeoutMs);
    } catch (e) {
      warn(`no token for role ${role}: ${(e as Error).message}`);
    }
  }
  return out;
}

async function openDatabase(d: DatabaseSource): Promise<DatabaseAccess> {
  const url = typeof d.url === 'string' ? d.url : await resolveSecret(d.url);
  return { db: readOnlyClient(postgresClient(url, { max: 2 })), schemas: d.schemas };
}

async function readText(
  source: TextSource,
  tokens: Partial<Record<Role, string>>,
  ca: string | undefined,
  timeoutMs: number,
): Promise<string> {
  if ('file' in source) return readFile(source.file, 'utf8');
  const url = new URL(source.url);
  const token = source.role ? tokens[source.role] : undefined;
  const res = await networkTransport(url.origin, { ca, timeoutMs })({
    method: 'GET',
    path: `${url.pathname}${url.search}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (res.status !== 200) throw new Error(`${source.url} answered HTTP ${res.status}`);
  return res.body;
}

/** The target's published token keys (auth.jwks: a URL or a file), for the JWT attacks. */
async function readTokenKeys(
  jwks: string,
  ca: string | undefined,
  timeoutMs: number,
  warn: (m: string) => void,
): Promise<TokenKeys | undefined> {
  try {
    const text = /^https?:\/\//.test(jwks)
      ? await readText({ url: jwks }, {}, ca, timeoutMs)
      : await readFile(jwks, 'utf8');
    const set = JSON.parse(text) as JSONWebKeySet;
    if (!Array.isArray(set.keys)) throw new Error('not a JWK set (no "keys" array)');
    return { publicKeys: set };
  } catch (e) {
    warn(`no token keys from ${jwks}: ${(e as Error).message}`);
    return undefined;
  }
}

function tlsEndpoint(baseUrl: string, ca: string | undefined): TlsEndpoint | undefined {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:') return undefined;
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 443,
    // Without a private CA, the target's certificate must chain to a public root.
    caCert: ca ?? rootCertificates.join('\n'),
  };
}

interface Part {
  /** The main deployment also has the registry, logs, metrics and dump; the second only its API and vault. */
  main: boolean;
  baseUrl: string;
  tokens: Partial<Record<Role, TokenSource>>;
  fingerprintDatabase?: DatabaseSource;
}

async function openPart(
  config: TargetConfig,
  part: Part,
  identity: CertificationTarget['identity'],
  capabilities: Set<Capability>,
  second: CertificationTarget | undefined,
  warn: (m: string) => void,
): Promise<CertificationTarget> {
  const ca = config.api.caFile ? await readFile(config.api.caFile, 'utf8') : undefined;
  const timeoutMs = config.api.timeoutMs ?? 30_000;
  const transport: HttpTransport = networkTransport(part.baseUrl, { ca, timeoutMs });
  const tokens = await resolveTokens(part.tokens, ca, timeoutMs, warn);
  if (capabilities.has('all-roles') && ROLES.some((r) => !tokens[r])) capabilities.delete('all-roles');
  const client = (role?: Role) =>
    new ReferenceApiClient({ transport, token: role ? tokens[role] : undefined });
  const contractVersion = await readContractVersion(client());
  const clients: SqlClient[] = [];
  const database = async (d: DatabaseSource | undefined, what: Capability) => {
    if (!d) return undefined;
    try {
      const access = await openDatabase(d);
      clients.push(access.db);
      return access;
    } catch (e) {
      warn(`no ${what}: ${(e as Error).message}`);
      capabilities.delete(what);
      return undefined;
    }
  };
  const fingerprintDatabase = await database(part.fingerprintDatabase, 'fingerprint-database');
  const identityRegistry = part.main
    ? await database(config.storage?.identityRegistry, 'identity-registry')
    : undefined;
  const obs = part.main ? config.observability : undefined;
  const tls = tlsEndpoint(part.baseUrl, ca);
  const tokenKeys =
    part.main && config.auth.jwks ? await readTokenKeys(config.auth.jwks, ca, timeoutMs, warn) : undefined;
  return {
    identity,
    capabilities,
    contractVersion,
    transport,
    client,
    token: (role) => tokens[role],
    ...(fingerprintDatabase ? { fingerprintDatabase } : {}),
    ...(identityRegistry ? { identityRegistry } : {}),
    ...(obs?.logs?.length
      ? {
          readLogs: async () => {
            const texts = await Promise.all((obs.logs ?? []).map((s) => readText(s, tokens, ca, timeoutMs)));
            return texts.flatMap((t) => t.split('\n')).filter((l) => l.length > 0);
          },
        }
      : {}),
    ...(obs?.metrics
      ? { readMetrics: () => readText(obs.metrics as TextSource, tokens, ca, timeoutMs) }
      : {}),
    ...(config.dump && part.main ? { readDump: dumpReader(config.dump.file) } : {}),
    ...(second ? { secondDeployment: second } : {}),
    ...(tls ? { tls } : {}),
    ...(tokenKeys ? { tokenKeys } : {}),
    ...(part.main && config.scanners?.length ? { scanners: config.scanners } : {}),
    async close() {
      for (const c of clients) await c.close().catch(() => undefined);
      await second?.close();
    },
  };
}

function dumpReader(file: string): () => Promise<Uint8Array> {
  return async () => new Uint8Array(await readFile(file));
}

async function readContractVersion(client: ReferenceApiClient): Promise<string | null> {
  try {
    const r = await client.getContractInfo();
    return r.status === 200 && typeof r.body === 'object' && 'contractVersion' in r.body
      ? r.body.contractVersion
      : null;
  } catch {
    // Unreachable or off-contract: the runner's probe says why, once, in every API test.
    return null;
  }
}

/**
 * A vendor's system as a certification target, from a loaded target config: the API over
 * HTTP(S) with the config's CA and timeout, a token per role (from the environment, a file, a
 * command or the client-credentials grant), read-only PostgreSQL connections to the fingerprint
 * database and identity registry, logs and metrics from files or URLs, the dump file. What cannot be
 * set up is dropped from the capabilities (and `warn`ed), so the requirements that need it are
 * not-evaluated; what the target answers wrongly is found by the suites.
 */
export async function openHttpCertificationTarget(
  loaded: LoadedTargetConfig,
  o: HttpTargetOptions = {},
): Promise<CertificationTarget> {
  const { config } = loaded;
  const warn = o.warn ?? (() => {});
  const identity = (baseUrl: string, name = config.name): CertificationTarget['identity'] => ({
    kind: 'http',
    name,
    version: config.version ?? null,
    baseUrl,
    configDigest: loaded.digest,
  });
  const capabilities = new Set(loaded.capabilities);
  let second: CertificationTarget | undefined;
  if (config.secondDeployment) {
    const s = config.secondDeployment;
    second = await openPart(
      config,
      {
        main: false,
        baseUrl: s.baseUrl,
        tokens: s.tokens ?? config.auth.tokens,
        fingerprintDatabase: s.fingerprintDatabase,
      },
      identity(s.baseUrl, `${config.name} (second deployment)`),
      new Set<Capability>(['api', ...(s.fingerprintDatabase ? (['fingerprint-database'] as const) : [])]),
      undefined,
      (m) => warn(`second deployment: ${m}`),
    );
  }
  const main: Part = {
    main: true,
    baseUrl: config.api.baseUrl,
    tokens: config.auth.tokens,
    fingerprintDatabase: config.storage?.fingerprintDatabase,
  };
  try {
    return await openPart(config, main, identity(config.api.baseUrl), capabilities, second, warn);
  } catch (e) {
    await second?.close();
    throw e;
  }
}
