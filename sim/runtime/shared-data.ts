import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * The read-only `shared/` folder laid beside the project (FVC sets, standards digest), or
 * DACTYLO_SHARED when set; null where it is absent, so that tests skip with a reason.
 */
export function sharedDir(): string | null {
  const dir = process.env.DACTYLO_SHARED ?? join(projectRoot, '..', 'shared');
  return existsSync(dir) ? dir : null;
}

export type FvcSetName = 'fvc2002-db1b' | 'fvc2002-db2b' | 'fvc2000-db4b';

/** Folder of one public FVC "B" set, or null where shared/ or the set is absent. */
export function fvcSetDir(name: FvcSetName): string | null {
  const shared = sharedDir();
  if (!shared) return null;
  const dir = join(shared, 'fvc', name);
  return existsSync(dir) ? dir : null;
}

/** The reason to give when skipping a test that needs an FVC set. */
export function fvcMissingReason(name: FvcSetName): string {
  return `FVC set ${name} not found (expected ../shared/fvc/${name} beside the project, or DACTYLO_SHARED)`;
}
