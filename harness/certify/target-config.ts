import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { ROLES, type Role } from '../../sim/reference/types.ts';
import { schemaValidator } from '../contract/validate.ts';
import type { Capability } from '../requirements/requirement.ts';

export type { Role };
export { ROLES };

export type Secret = { env: string } | { file: string } | { command: string[] };
export type TokenSource =
  | { token: Secret }
  | {
      clientCredentials: {
        tokenUrl: string;
        clientId: string;
        clientSecret: Secret;
        scope?: string;
        audience?: string;
      };
    };
export interface DatabaseSource {
  url: string | Secret;
  schemas: string[];
}
export type TextSource = { file: string } | { url: string; role?: Role };

/** A vendor target as harness/contract/target-config.schema.json describes it. */
export interface TargetConfig {
  name: string;
  version?: string;
  api: { baseUrl: string; caFile?: string; timeoutMs?: number };
  auth: { tokens: Partial<Record<Role, TokenSource>>; jwks?: string };
  storage?: { fingerprintDatabase?: DatabaseSource; identityRegistry?: DatabaseSource };
  observability?: { logs?: TextSource[]; metrics?: TextSource };
  dump?: { file: string; format: 'plain' | 'custom' | 'tar' | 'directory' };
  secondDeployment?: {
    baseUrl: string;
    tokens?: Partial<Record<Role, TokenSource>>;
    fingerprintDatabase?: DatabaseSource;
  };
  scanners?: { name: string; deviceUrl: string }[];
}

export interface LoadedTargetConfig {
  path: string;
  config: TargetConfig;
  /** sha256 of the file's bytes, recorded in the report as the target's identity. */
  digest: string;
  capabilities: Set<Capability>;
}

/** A config that cannot be used; `problems` has one line per bad field. */
export class TargetConfigError extends Error {
  override name = 'TargetConfigError';
  constructor(
    readonly path: string,
    readonly problems: string[],
  ) {
    super(`${path}: ${problems.join('; ')}`);
  }
}

function pointer(e: ErrorObject): string {
  const at = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  return at === '' ? '(top level)' : at;
}

/**
 * ajv errors as lines a person can act on: the field, what is wrong, the offending property or the
 * allowed values. A failed oneOf reports its branches' errors; the summary line is kept only alone.
 */
export function describeConfigErrors(errors: readonly ErrorObject[]): string[] {
  const lines = errors.map((e) => {
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'additionalProperties')
      return `${pointer(e)}: unknown field '${String(p.additionalProperty)}'`;
    if (e.keyword === 'required')
      return `${pointer(e)}: missing required field '${String(p.missingProperty)}'`;
    if (e.keyword === 'enum')
      return `${pointer(e)}: must be one of ${(p.allowedValues as unknown[]).join(', ')}`;
    return `${pointer(e)}: ${e.message ?? 'is invalid'}`;
  });
  const specific = lines.filter((_, i) => errors[i].keyword !== 'oneOf');
  return [...new Set(specific.length > 0 ? specific : lines)];
}

function parseText(path: string, text: string): unknown {
  if (extname(path).toLowerCase() === '.json') {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new TargetConfigError(path, [`not valid JSON (${(e as Error).message})`]);
    }
  }
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (e) {
    throw new TargetConfigError(path, [`not valid YAML (${(e as Error).message.split('\n')[0]})`]);
  }
}

function capabilitiesOf(c: TargetConfig): Set<Capability> {
  const caps = new Set<Capability>(['api']);
  if (c.storage?.fingerprintDatabase) caps.add('fingerprint-database');
  if (c.storage?.identityRegistry) caps.add('identity-registry');
  if (c.observability?.logs?.length) caps.add('logs');
  if (c.observability?.metrics) caps.add('metrics');
  if (c.dump) caps.add('dump');
  if (c.scanners?.length) caps.add('scanners');
  if (c.secondDeployment) caps.add('second-deployment');
  if (ROLES.every((r) => c.auth.tokens[r])) caps.add('all-roles');
  return caps;
}

/** Paths in the config are relative to the config file; make them absolute once, here. */
function resolvePaths(c: TargetConfig, base: string): TargetConfig {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const secret = (s: Secret): Secret => ('file' in s ? { file: abs(s.file) } : s);
  const token = (t: TokenSource): TokenSource =>
    'token' in t
      ? { token: secret(t.token) }
      : {
          clientCredentials: {
            ...t.clientCredentials,
            clientSecret: secret(t.clientCredentials.clientSecret),
          },
        };
  const tokens = (m: Partial<Record<Role, TokenSource>>) =>
    Object.fromEntries(Object.entries(m).map(([r, t]) => [r, token(t)])) as Partial<
      Record<Role, TokenSource>
    >;
  const db = (d: DatabaseSource): DatabaseSource =>
    typeof d.url === 'string' ? d : { ...d, url: secret(d.url) };
  const text = (t: TextSource): TextSource => ('file' in t ? { file: abs(t.file) } : t);
  const jwks = c.auth.jwks && !/^https?:\/\//.test(c.auth.jwks) ? abs(c.auth.jwks) : c.auth.jwks;
  return {
    ...c,
    api: { ...c.api, ...(c.api.caFile ? { caFile: abs(c.api.caFile) } : {}) },
    auth: { ...c.auth, tokens: tokens(c.auth.tokens), ...(jwks ? { jwks } : {}) },
    ...(c.storage
      ? {
          storage: {
            ...(c.storage.fingerprintDatabase
              ? { fingerprintDatabase: db(c.storage.fingerprintDatabase) }
              : {}),
            ...(c.storage.identityRegistry ? { identityRegistry: db(c.storage.identityRegistry) } : {}),
          },
        }
      : {}),
    ...(c.observability
      ? {
          observability: {
            ...(c.observability.logs ? { logs: c.observability.logs.map(text) } : {}),
            ...(c.observability.metrics ? { metrics: text(c.observability.metrics) } : {}),
          },
        }
      : {}),
    ...(c.dump ? { dump: { ...c.dump, file: abs(c.dump.file) } } : {}),
    ...(c.secondDeployment
      ? {
          secondDeployment: {
            ...c.secondDeployment,
            ...(c.secondDeployment.tokens ? { tokens: tokens(c.secondDeployment.tokens) } : {}),
            ...(c.secondDeployment.fingerprintDatabase
              ? { fingerprintDatabase: db(c.secondDeployment.fingerprintDatabase) }
              : {}),
          },
        }
      : {}),
  };
}

/** Parses and validates a config's text (YAML, or JSON for a .json path). */
export function parseTargetConfig(path: string, bytes: Uint8Array): LoadedTargetConfig {
  const data = parseText(path, Buffer.from(bytes).toString('utf8'));
  const validate = schemaValidator('target-config.schema.json');
  if (!validate(data)) throw new TargetConfigError(path, describeConfigErrors(validate.errors ?? []));
  const config = resolvePaths(data as TargetConfig, dirname(resolve(path)));
  return {
    path,
    config,
    digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
    capabilities: capabilitiesOf(config),
  };
}

export async function loadTargetConfig(path: string): Promise<LoadedTargetConfig> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new TargetConfigError(path, [
      `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    ]);
  }
  return parseTargetConfig(path, bytes);
}

const run = promisify(execFile);

/** The value of a secret at run time; a missing variable, file or failing command names itself. */
export async function resolveSecret(s: Secret): Promise<string> {
  if ('env' in s) {
    const v = process.env[s.env];
    if (v === undefined || v === '') throw new Error(`environment variable ${s.env} is not set`);
    return v;
  }
  if ('file' in s) {
    try {
      return (await readFile(s.file, 'utf8')).trim();
    } catch (e) {
      throw new Error(`cannot read secret file ${s.file} (${(e as NodeJS.ErrnoException).code})`);
    }
  }
  try {
    const { stdout } = await run(s.command[0], s.command.slice(1), { timeout: 10_000 });
    const v = stdout.trim();
    if (v === '') throw new Error('it printed nothing');
    return v;
  } catch (e) {
    throw new Error(`secret command '${s.command.join(' ')}' failed: ${(e as Error).message.split('\n')[0]}`);
  }
}
