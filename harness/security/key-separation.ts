import { createDecipheriv } from 'node:crypto';
import type { SuiteEvidence } from '../certify/certification-suite.ts';
import type { DatabaseAccess } from '../targets/certification-target.ts';
import { byteEntropy, containsFmrMagic, randomEntropyFloor } from './byte-statistics.ts';
import { evidence, qualified, type SecurityRun } from './security-fixtures.ts';
import { storedTemplates, type TemplateCell } from './stored-templates.ts';

const TEST = 'inspection/key-separation';
const AES_KEY_BYTES: ReadonlySet<number> = new Set([16, 24, 32]);
/** Column names that say "key material" (a key *id* is fine: it names a key held elsewhere). */
const KEY_NAME =
  /(^|_)(key|dek|kek|secret|private_key|passphrase|key_material|aes_key|encryption_key|master_key)$/i;
const CELLS_PER_COLUMN = 1000;
const TRIAL_CELLS = 8;

/** A value in the database that could be an AES key, and where it was found. */
export interface KeyCandidate {
  where: string;
  key: Buffer;
}

function decodeText(v: string): Buffer | null {
  if (/^[0-9a-f]+$/i.test(v) && v.length % 2 === 0) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && v.length >= 20) return Buffer.from(v, 'base64');
  return null;
}

/** Every bytea cell, and every text cell in hex or base64, whose length is an AES key's. */
export async function keyCandidates(
  access: DatabaseAccess,
): Promise<{ candidates: KeyCandidate[]; keyNamedColumns: string[] }> {
  const columns = await access.db.query<{ s: string; t: string; c: string; d: string }>(
    `SELECT c.table_schema AS s, c.table_name AS t, c.column_name AS c, c.data_type AS d
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = ANY($1::text[]) AND t.table_type = 'BASE TABLE'
        AND c.data_type IN ('bytea', 'text', 'character varying') ORDER BY 1, 2, 3`,
    [access.schemas],
  );
  const candidates: KeyCandidate[] = [];
  const keyNamedColumns: string[] = [];
  for (const { s, t, c, d } of columns) {
    const where = `${qualified(s, t)}.${c}`;
    const rows = await access.db.query<{ v: unknown }>(
      `SELECT "${c}" AS v FROM ${qualified(s, t)} WHERE "${c}" IS NOT NULL LIMIT ${CELLS_PER_COLUMN}`,
    );
    if (KEY_NAME.test(c) && rows.length > 0) keyNamedColumns.push(where);
    for (const { v } of rows) {
      const b = d === 'bytea' ? (v instanceof Uint8Array ? Buffer.from(v) : null) : decodeText(String(v));
      if (b && AES_KEY_BYTES.has(b.length)) candidates.push({ where, key: b });
    }
  }
  return { candidates, keyNamedColumns };
}

/**
 * GCM is counter mode underneath: with a 96-bit nonce the first block of keystream is counter 2.
 * Decrypting without the tag needs no AAD, so any key that produced the cells is recognised.
 */
function gcmKeystreamOpen(key: Buffer, nonce: Uint8Array, body: Uint8Array): Buffer | null {
  const algorithm = `aes-${key.length * 8}-ctr`;
  const iv = Buffer.concat([Buffer.from(nonce), Buffer.from([0, 0, 0, 2])]);
  try {
    const d = createDecipheriv(algorithm, key, iv);
    return Buffer.concat([d.update(body), d.final()]);
  } catch {
    return null;
  }
}

/** The cell's nonce and ciphertext: the row's nonce column, or a 12-byte nonce leading the cell. */
function parts(c: TemplateCell): { nonce: Uint8Array; body: Uint8Array } | null {
  if (c.nonce?.length === 12)
    return { nonce: c.nonce, body: c.cell.subarray(0, Math.max(0, c.cell.length - 16)) };
  if (c.cell.length < 12 + 16 + 16) return null;
  return { nonce: c.cell.subarray(0, 12), body: c.cell.subarray(12, c.cell.length - 16) };
}

/** True when `key` turns the cells into something that is not ciphertext any more. */
export function opensTemplates(key: Buffer, cells: readonly TemplateCell[]): boolean {
  const opened: Buffer[] = [];
  for (const c of cells.slice(0, TRIAL_CELLS)) {
    const p = parts(c);
    const plain = p && gcmKeystreamOpen(key, p.nonce, p.body);
    if (!plain) continue;
    if (containsFmrMagic(plain)) return true;
    opened.push(plain);
  }
  const n = opened.reduce((s, b) => s + b.length, 0);
  return n >= 256 && byteEntropy(opened) < randomEntropyFloor(n) - 0.75;
}

/**
 * DEP-TPL-01: no key that opens the templates is stored in the fingerprint database. Every value of
 * an AES key's length (16, 24 or 32 bytes, raw, hex or base64) in any column is tried on the stored
 * template cells as AES-GCM's keystream; a column named as key material holding values fails too.
 */
export async function keySeparation(run: SecurityRun): Promise<SuiteEvidence[]> {
  const db = run.target.fingerprintDatabase;
  if (!db)
    return [
      evidence.skipped(
        TEST,
        'no fingerprint database connection',
        'the target gives the lab no storage access',
      ),
    ];
  const templates = await storedTemplates(db);
  if (!templates || templates.cells.length === 0)
    return [
      evidence.error(
        TEST,
        'no template cells found',
        'without stored templates a found key cannot be confirmed',
      ),
    ];
  const { candidates, keyNamedColumns } = await keyCandidates(db);
  const opening = candidates.filter((k) => opensTemplates(k.key, templates.cells));
  const details = {
    templateColumn: `${templates.table}.${templates.column}`,
    candidatesTried: candidates.length,
    candidateColumns: [...new Set(candidates.map((c) => c.where))],
    keysThatOpenTemplates: [...new Set(opening.map((k) => k.where))],
    keyNamedColumns,
  };
  const problems = [
    ...(opening.length > 0
      ? [`a key in ${details.keysThatOpenTemplates.join(', ')} opens the stored templates`]
      : []),
    ...(keyNamedColumns.length > 0
      ? [`columns named as key material hold values: ${keyNamedColumns.join(', ')}`]
      : []),
  ];
  if (problems.length > 0) return [evidence.fail(TEST, problems.join('; '), { details })];
  return [
    evidence.pass(
      TEST,
      `no key material beside the templates: ${candidates.length} key-sized values tried on ${Math.min(TRIAL_CELLS, templates.cells.length)} cells, none opens them; no key-named column`,
      { details },
    ),
  ];
}
