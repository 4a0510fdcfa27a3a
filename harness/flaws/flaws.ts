import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { requirementById } from '../requirements/catalogue.ts';

/**
 * A realistic flaw the reference system can be made to commit, and the requirements that must fail
 * when it is planted: the proof that certification has teeth.
 */
export interface Flaw {
  id: string;
  title: string;
  description: string;
  caughtBy: string[];
}

export class FlawCatalogueError extends Error {
  override name = 'FlawCatalogueError';
}

const KEYS = ['id', 'title', 'description', 'caughtBy'];

/** Parses and checks the flaw catalogue: kebab-case unique IDs, and caughtBy naming real requirements. */
export function parseFlaws(text: string): Flaw[] {
  const data = parse(text) as unknown;
  if (!Array.isArray(data)) throw new FlawCatalogueError('flaw catalogue: expected a list');
  const seen = new Set<string>();
  return data.map((raw, i) => {
    const f = raw as Partial<Flaw>;
    const where = `flaw ${typeof f?.id === 'string' ? f.id : i}`;
    const extra = Object.keys(f ?? {}).filter((k) => !KEYS.includes(k));
    if (extra.length > 0) throw new FlawCatalogueError(`${where}: unknown field ${extra.join(', ')}`);
    if (typeof f.id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(f.id))
      throw new FlawCatalogueError(`${where}: id must be kebab-case`);
    if (seen.has(f.id)) throw new FlawCatalogueError(`${where}: defined twice`);
    seen.add(f.id);
    if (typeof f.title !== 'string' || typeof f.description !== 'string')
      throw new FlawCatalogueError(`${where}: title and description are required`);
    if (!Array.isArray(f.caughtBy) || f.caughtBy.length === 0)
      throw new FlawCatalogueError(`${where}: caughtBy must name at least one requirement`);
    const unknown = f.caughtBy.filter((id) => !requirementById(id));
    if (unknown.length > 0)
      throw new FlawCatalogueError(`${where}: no such requirement ${unknown.join(', ')}`);
    return { id: f.id, title: f.title, description: f.description.trim(), caughtBy: f.caughtBy };
  });
}

let cached: readonly Flaw[] | undefined;

export function flaws(): readonly Flaw[] {
  cached ??= Object.freeze(parseFlaws(readFileSync(new URL('./catalogue.yaml', import.meta.url), 'utf8')));
  return cached;
}

export function flawById(id: string): Flaw | undefined {
  return flaws().find((f) => f.id === id);
}
