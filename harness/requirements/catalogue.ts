import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'yaml';
import { describeErrors, schemaValidator } from '../contract/validate.ts';
import { FAMILIES, type Family, type Requirement } from './requirement.ts';

const DIR = new URL('./catalogue/', import.meta.url);

/** A catalogue file that does not hold valid requirements: names the file, the entry and the field. */
export class CatalogueError extends Error {
  override name = 'CatalogueError';
}

/**
 * Parses and validates one family file's text. The file is named for its family (DEP.yaml), which
 * each entry inherits; `file` names the file in errors.
 */
export function parseFamily(file: string, text: string): Requirement[] {
  const data = parse(text) as unknown;
  if (!Array.isArray(data)) throw new CatalogueError(`${file}: expected a list of requirements`);
  const validate = schemaValidator('requirement.schema.json');
  const family = basename(file, '.yaml');
  return data.map((raw, i) => {
    const entry = raw && typeof raw === 'object' ? { family, ...raw } : raw;
    if (!validate(entry)) {
      const id = (entry as { id?: unknown })?.id ?? `entry ${i}`;
      throw new CatalogueError(`${file}: ${String(id)}: ${describeErrors(validate.errors)}`);
    }
    const r = entry as Requirement;
    if (!r.id.startsWith(`${r.family}-`))
      throw new CatalogueError(`${file}: ${r.id}: family ${r.family} does not match the ID's prefix`);
    return r;
  });
}

function familyOrder(f: Family): number {
  return FAMILIES.indexOf(f);
}

/** Checks the whole catalogue: unique IDs, each test named once per requirement. */
export function checkCatalogue(requirements: readonly Requirement[]): void {
  const seen = new Set<string>();
  for (const r of requirements) {
    if (seen.has(r.id)) throw new CatalogueError(`requirement ${r.id} is defined twice`);
    seen.add(r.id);
    const tests = r.evidence.map((e) => e.test);
    const dup = tests.find((t, i) => tests.indexOf(t) !== i);
    if (dup) throw new CatalogueError(`${r.id}: test ${dup} is listed twice`);
  }
}

let cached: readonly Requirement[] | undefined;

/** Every requirement, family by family (POL, DEP, SEC, BIO, SCN, REL, SCA), in file order within one. */
export function requirements(): readonly Requirement[] {
  if (cached) return cached;
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const all = files.flatMap((f) => parseFamily(f, readFileSync(new URL(f, DIR), 'utf8')));
  checkCatalogue(all);
  // Stable sort: file order is kept inside a family.
  cached = Object.freeze(all.sort((a, b) => familyOrder(a.family) - familyOrder(b.family)));
  return cached;
}

export function requirementById(id: string): Requirement | undefined {
  return requirements().find((r) => r.id === id);
}

/** Every test ID some requirement waits for, sorted: what certify must run. */
export function evidenceTests(): string[] {
  return [...new Set(requirements().flatMap((r) => r.evidence.map((e) => e.test)))].sort();
}
