import type { SqlClient } from '../../sim/storage/sql-client.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';

/** What storage holds for one applicant: their registry link(s) and the vault captures they name. */
export interface ApplicantRecord {
  /** Registry links for the IIN (a consistent store has 0 or 1). */
  links: { subjectId: string; generation: number; fingers: number[] }[];
  /** Vault captures of the linked subjects: subject/generation → stored finger positions. */
  captures: Record<string, number[]>;
}

/**
 * The identity registry and the fingerprint vault read as a lab reads them, through the target's
 * read-only connections, for a target with the reference system's storage layout (registry
 * .subject_links → vault.templates by subject and generation, registry.vault_intents for the
 * two-phase write in progress). Written from the published schema, not with the reference's own
 * consistency check: the system under test does not grade itself.
 */
export class ReferenceStorage {
  private constructor(
    private readonly registry: SqlClient,
    private readonly vault: SqlClient,
  ) {}

  /** The target's storage when it has the reference layout; null (with nothing read) otherwise. */
  static async open(target: CertificationTarget): Promise<ReferenceStorage | null> {
    const registry = target.identityRegistry?.db;
    const vault = target.fingerprintDatabase?.db;
    if (!registry || !vault) return null;
    const has = async (db: SqlClient, schema: string, table: string) =>
      (
        await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2',
          [schema, table],
        )
      )[0]?.n === 1;
    const layout =
      (await has(registry, 'registry', 'subject_links')) &&
      (await has(registry, 'registry', 'vault_intents')) &&
      (await has(registry, 'registry', 'applications')) &&
      (await has(vault, 'vault', 'templates'));
    return layout ? new ReferenceStorage(registry, vault) : null;
  }

  /** Vault captures (subject/generation → positions), of the given subjects only when named. */
  private async captures(subjects?: readonly string[]): Promise<Map<string, number[]>> {
    const rows = await this.vault.query<{ s: string; g: number; p: number }>(
      `SELECT subject_id::text AS s, generation AS g, position AS p FROM vault.templates
       ${subjects ? 'WHERE subject_id::text = ANY($1)' : ''} ORDER BY 1, 2, 3`,
      subjects ? [subjects as string[]] : [],
    );
    const out = new Map<string, number[]>();
    for (const r of rows) {
      const k = `${r.s}/${Number(r.g)}`;
      out.set(k, [...(out.get(k) ?? []), Number(r.p)]);
    }
    return out;
  }

  private async links(where = '', params: string[] = []) {
    const rows = await this.registry.query<{ s: string; g: number; f: number[] }>(
      `SELECT subject_id::text AS s, generation AS g, fingers AS f FROM registry.subject_links ${where} ORDER BY 1`,
      params,
    );
    return rows.map((r) => ({
      subjectId: r.s,
      generation: Number(r.g),
      fingers: [...r.f].map(Number).sort((a, b) => a - b),
    }));
  }

  /**
   * Every way the two stores disagree, one line each (pseudonymous ids only): a link whose capture
   * is missing or holds other fingers, a vault capture no link names (an orphan template), a
   * two-phase write left unresolved, an application still pending.
   */
  async disagreements(): Promise<string[]> {
    const problems: string[] = [];
    const stored = await this.captures();
    for (const l of await this.links()) {
      const k = `${l.subjectId}/${l.generation}`;
      const have = stored.get(k) ?? [];
      if (have.join() !== l.fingers.join())
        problems.push(`registry link to ${k} names fingers [${l.fingers}] but the vault holds [${have}]`);
      stored.delete(k);
    }
    for (const k of stored.keys()) problems.push(`vault capture ${k} has no registry link (orphan)`);
    const intents = await this.registry.query<{ a: string }>(
      'SELECT application_id::text AS a FROM registry.vault_intents ORDER BY 1',
    );
    for (const i of intents) problems.push(`application ${i.a}: two-phase vault write never resolved`);
    const pending = await this.registry.query<{ a: string }>(
      "SELECT id::text AS a FROM registry.applications WHERE status = 'pending' ORDER BY 1",
    );
    for (const p of pending) problems.push(`application ${p.a}: still pending`);
    return problems;
  }

  /** What storage holds for the applicant with this IIN. */
  async recordOf(iin: string): Promise<ApplicantRecord> {
    const links = await this.links('WHERE iin = $1', [iin]);
    const captures = links.length > 0 ? await this.captures(links.map((l) => l.subjectId)) : new Map();
    return { links, captures: Object.fromEntries(captures) };
  }

  /** Distinct subjects in the vault (each enrolled person once). */
  async vaultSubjects(): Promise<number> {
    const rows = await this.vault.query<{ n: number }>(
      'SELECT count(DISTINCT subject_id)::int AS n FROM vault.templates',
    );
    return Number(rows[0]?.n ?? 0);
  }
}

/**
 * Exactly one consistent record: one link, whose capture holds exactly the linked fingers, and no
 * other capture of that subject. Null when it is; otherwise what is wrong.
 */
export function notExactlyOnce(r: ApplicantRecord): string | null {
  if (r.links.length !== 1) return `${r.links.length} registry links`;
  const [l] = r.links;
  const keys = Object.keys(r.captures);
  const want = `${l.subjectId}/${l.generation}`;
  if (keys.length !== 1 || keys[0] !== want)
    return `vault captures [${keys.join(', ')}] for a link to ${want}`;
  if (r.captures[want].join() !== l.fingers.join())
    return `vault holds fingers [${r.captures[want]}] of [${l.fingers}]`;
  return null;
}

/** No record at all: no link and no capture. */
export function isAbsent(r: ApplicantRecord): boolean {
  return r.links.length === 0 && Object.keys(r.captures).length === 0;
}
