import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describeErrors, schemaValidator } from '../../harness/contract/validate.ts';
import type { ContractInfo } from './contract-operations.ts';
import { unknownOperations } from './load-data.ts';
import type { LoadProfile } from './load-profile.ts';
import { minutesOf } from './psc-day.ts';

const PROFILES_DIR = new URL('../profiles/', import.meta.url);

/** A profile that cannot be used; `unknown` when no profile of that name exists (a usage error). */
export class ProfileError extends Error {
  override name = 'ProfileError';
  constructor(
    message: string,
    readonly unknown = false,
  ) {
    super(message);
  }
}

/** Names of the profiles shipped in perf/profiles/. */
export function shippedProfiles(): string[] {
  return readdirSync(PROFILES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Rules the schema cannot state: clock times in order, each operation once. */
function semanticErrors(p: LoadProfile): string[] {
  const errors: string[] = [];
  const ids = p.mix.map((m) => m.operationId);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) errors.push(`/mix lists operation '${dup}' twice`);
  const a = p.arrival;
  if (a.model === 'psc-day') {
    if (minutesOf(a.closesAt) <= minutesOf(a.opensAt)) errors.push('/arrival/closesAt must be after opensAt');
    if (minutesOf(a.lunch.to) <= minutesOf(a.lunch.from)) errors.push('/arrival/lunch/to must be after from');
    const at = a.shape.map((s) => minutesOf(s.at));
    if (at.some((m, i) => i > 0 && m <= at[i - 1])) errors.push('/arrival/shape times must increase');
  }
  return errors;
}

/** Validates a parsed profile against the schema, its own rules and (when given) the contract. */
export function checkProfile(data: unknown, source: string, contract?: ContractInfo): LoadProfile {
  const validate = schemaValidator('load-profile.schema.json');
  if (!validate(data))
    throw new ProfileError(`${source}: not a load profile: ${describeErrors(validate.errors)}`);
  const profile = data as LoadProfile;
  const errors = semanticErrors(profile);
  if (errors.length > 0) throw new ProfileError(`${source}: ${errors.join('; ')}`);
  if (contract) {
    const unknown = unknownOperations(profile, contract);
    if (unknown.length > 0)
      throw new ProfileError(
        `${source}: operation(s) ${unknown.join(', ')} not in the contract or without a payload builder`,
      );
  }
  return profile;
}

/**
 * A profile by name (perf/profiles/NAME.json) or by path to a JSON file. Unknown names list the shipped
 * profiles; a file that is not a valid profile names the bad fields.
 */
export function readProfile(nameOrPath: string, contract?: ContractInfo): LoadProfile {
  const isPath = nameOrPath.includes('/') || nameOrPath.endsWith('.json');
  const url = isPath ? null : new URL(`${nameOrPath}.json`, PROFILES_DIR);
  if (!isPath && (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(nameOrPath) || !url || !existsSync(url)))
    throw new ProfileError(
      `unknown profile '${nameOrPath}': use one of ${shippedProfiles().join(', ')} or a path to a profile JSON file`,
      true,
    );
  let text: string;
  try {
    text = readFileSync(url ?? nameOrPath, 'utf8');
  } catch (e) {
    throw new ProfileError(`cannot read profile ${nameOrPath} (${(e as NodeJS.ErrnoException).code})`, true);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ProfileError(`${nameOrPath}: not JSON (${(e as Error).message})`);
  }
  return checkProfile(data, nameOrPath, contract);
}
