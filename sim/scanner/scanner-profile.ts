import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import type { ScannerProfile } from './scanner-profile-types.ts';
import type { ScannerListing } from './types.ts';

export type { ScannerForm, ScannerProfile, ScannerTechnology } from './scanner-profile-types.ts';

export const SCANNER_PROFILES_FILE = new URL('./scanner-profiles.json', import.meta.url);

/**
 * The contract schema, read as data: sim imports no harness code, but the profiles are checked against
 * the one schema the harness publishes, never against a copy.
 */
export const SCANNER_PROFILE_SCHEMA_FILE = new URL(
  '../../harness/contract/scanner-profile.schema.json',
  import.meta.url,
);

/** A profiles file that breaks the schema or names a missing base; the message names the field. */
export class ScannerProfileError extends Error {
  override name = 'ScannerProfileError';
}

type Json = Record<string, unknown>;

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join('; ');
}

let validators: {
  file: (d: unknown) => boolean;
  profile: (d: unknown) => boolean;
  errors: () => string;
} | null = null;

function schemaValidators() {
  if (validators) return validators;
  const schema = JSON.parse(readFileSync(SCANNER_PROFILE_SCHEMA_FILE, 'utf8')) as Json;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const file = ajv.compile(schema);
  const profile = ajv.getSchema(`${schema.$id as string}#/$defs/profile`);
  if (!profile) throw new ScannerProfileError('scanner-profile.schema.json has no $defs/profile');
  let last: ErrorObject[] | null | undefined = null;
  const run =
    (v: (d: unknown) => boolean, errors: () => ErrorObject[] | null | undefined) => (d: unknown) => {
      const ok = v(d);
      if (!ok) last = errors();
      return ok;
    };
  validators = {
    file: run(file, () => file.errors),
    profile: run(
      (d) => profile(d) as boolean,
      () => profile.errors,
    ),
    errors: () => describe(last),
  };
  return validators;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge of a mutant's patch over its base: objects merge, everything else (arrays too) replaces. */
export function mergePatch(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(patch))
    out[k] = isObject(v) && isObject(base[k]) ? mergePatch(base[k], v) : v;
  return out;
}

/** Reads, validates and resolves a profiles document (references as they are, mutants merged over their base). */
export function resolveScannerProfiles(
  document: unknown,
  source = 'scanner-profiles.json',
): ScannerProfile[] {
  const v = schemaValidators();
  if (!v.file(document)) throw new ScannerProfileError(`${source}: ${v.errors()}`);
  const raw = (document as { profiles: Json[] }).profiles;
  const names = new Set<string>();
  const out: ScannerProfile[] = [];
  for (const p of raw) {
    const name = p.name as string;
    if (names.has(name)) throw new ScannerProfileError(`${source}: profile '${name}' is defined twice`);
    names.add(name);
    let full: Json;
    if (p.kind === 'mutant') {
      const base = raw.find((q) => q.name === p.base && q.kind === 'reference');
      if (!base)
        throw new ScannerProfileError(
          `${source}: mutant '${name}' names base '${String(p.base)}', which is no reference profile`,
        );
      const defect = p.defect as Json;
      const { fails, summary } = defect;
      full = {
        ...mergePatch(base, defect.patch as Json),
        name,
        kind: 'mutant',
        base: p.base,
        description: p.description,
        defect: { summary, fails },
      };
    } else {
      full = { ...p, base: name };
    }
    if (!v.profile(full)) throw new ScannerProfileError(`${source}: profile '${name}': ${v.errors()}`);
    out.push(full as unknown as ScannerProfile);
  }
  return out;
}

let cache: readonly ScannerProfile[] | null = null;

/** The shipped profiles, validated once. */
export function loadScannerProfiles(): readonly ScannerProfile[] {
  cache ??= resolveScannerProfiles(JSON.parse(readFileSync(SCANNER_PROFILES_FILE, 'utf8')));
  return cache;
}

export function scannerProfileNames(): string[] {
  return loadScannerProfiles().map((p) => p.name);
}

/** The named profile, or a RangeError listing the known ones. */
export function scannerProfile(name: string): ScannerProfile {
  const p = loadScannerProfiles().find((q) => q.name === name);
  if (!p)
    throw new RangeError(`unknown scanner profile '${name}' (known: ${scannerProfileNames().join(', ')})`);
  return p;
}

export function listScannerProfiles(): ScannerListing[] {
  return loadScannerProfiles().map(({ name, kind, description }) => ({ name, kind, description }));
}

/** Image size in pixels: the active area at the resolution the device reports. */
export function imageSize(p: ScannerProfile): { width: number; height: number } {
  return {
    width: Math.round((p.captureArea.widthMm / 25.4) * p.resolution.nominalPpi),
    height: Math.round((p.captureArea.heightMm / 25.4) * p.resolution.nominalPpi),
  };
}
