import type { SuiteEvidence } from '../certify/certification-suite.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import { byteEntropy, commonPrefixLength, containsFmrMagic, randomEntropyFloor } from './byte-statistics.ts';
import { evidence, type SecurityRun } from './security-fixtures.ts';
import { storedTemplates, type TemplateCell, type TemplateColumn } from './stored-templates.ts';

const TEST = 'inspection/template-encryption';
/** AES-GCM's 96-bit nonce and 128-bit tag: what sealing adds to a plaintext. */
export const AEAD_OVERHEAD = 28;
/** Fewer cells than this cannot say much about entropy. */
const MIN_CELLS = 4;

/** The bytes as the in-process decryptor expects them: the row's nonce, then the sealed cell. */
export function storedForm(c: TemplateCell): Uint8Array {
  return c.nonce ? Buffer.concat([c.nonce, c.cell]) : c.cell;
}

/** The AAD the reference binds a cell to (its subject and finger position), from the row. */
export function rowBinding(c: TemplateCell): { subjectId: string; position: number } | null {
  const subjectId = c.row.subject_id;
  const position = Number(c.row.position);
  return subjectId && Number.isInteger(position) ? { subjectId, position } : null;
}

interface Authentication {
  checked: number;
  opened: number;
  overheadMatches: number;
}

/** With the in-process key: each cell opens under its own row, and sealing added exactly 28 bytes. */
function authenticate(target: CertificationTarget, t: TemplateColumn): Authentication | null {
  const decrypt = target.hooks?.decryptTemplate;
  if (!decrypt) return null;
  const a: Authentication = { checked: 0, opened: 0, overheadMatches: 0 };
  for (const c of t.cells.slice(0, 50)) {
    const aad = rowBinding(c);
    if (!aad) continue;
    a.checked++;
    const stored = storedForm(c);
    const plain = decrypt(stored, aad);
    if (!plain) continue;
    a.opened++;
    if (stored.length === plain.length + AEAD_OVERHEAD) a.overheadMatches++;
  }
  return a;
}

/**
 * DEP-TPL-01 / SEC-CRY-01, by inspection of the fingerprint database: the template cells (the
 * longest binary column) carry no ISO/IEC 19794-2 "FMR\0" record anywhere, and their bytes after any
 * shared prefix are as random as ciphertext. With the in-process key, each cell also opens under
 * its own row only as an AEAD with a 96-bit nonce and a 128-bit tag would (length = plaintext + 28).
 */
export async function templateEncryption(run: SecurityRun): Promise<SuiteEvidence[]> {
  const db = run.target.fingerprintDatabase;
  if (!db)
    return [
      evidence.skipped(
        TEST,
        'no fingerprint database connection',
        'the target gives the lab no storage access',
      ),
    ];
  const t = await storedTemplates(db);
  if (!t || t.cells.length < MIN_CELLS)
    return [
      evidence.error(
        TEST,
        'no template cells found',
        `the fingerprint database has ${t ? t.cells.length : 'no'} binary cells of 32 bytes or more; templates stored as text cannot be inspected yet`,
      ),
    ];
  const plain = t.cells.filter((c) => containsFmrMagic(c.cell)).length;
  const prefix = commonPrefixLength(t.cells.map((c) => c.cell));
  const body = t.cells.map((c) => c.cell.subarray(prefix));
  const n = body.reduce((s, c) => s + c.length, 0);
  const entropy = byteEntropy(body);
  const floor = randomEntropyFloor(n);
  const auth = authenticate(run.target, t);
  const details = {
    column: `${t.table}.${t.column}`,
    nonceColumn: t.nonceColumn,
    cells: t.cells.length,
    isoRecords: plain,
    sharedPrefixBytes: prefix,
    entropyAboveFloor: entropy >= floor,
    authentication: auth,
  };
  // Fresh nonces make the ciphertext, hence its measured entropy, differ run to run.
  const volatile = { entropyBitsPerByte: Number(entropy.toFixed(4)), entropyFloor: Number(floor.toFixed(4)) };
  const problems: string[] = [];
  if (plain > 0) problems.push(`${plain} of ${t.cells.length} cells hold an ISO/IEC 19794-2 record in clear`);
  if (entropy < floor)
    problems.push(`cell bytes have ${entropy.toFixed(1)} bits/byte of entropy, below ciphertext's`);
  if (auth && auth.checked > 0 && auth.opened < auth.checked)
    problems.push(
      `${auth.checked - auth.opened} of ${auth.checked} cells do not open as sealed under their own row`,
    );
  if (auth && auth.opened > 0 && auth.overheadMatches < auth.opened)
    problems.push(
      `${auth.opened - auth.overheadMatches} cells are not plaintext + ${AEAD_OVERHEAD} bytes long`,
    );
  if (problems.length > 0) return [{ ...evidence.fail(TEST, problems.join('; '), { details }), volatile }];
  return [
    {
      ...evidence.pass(
        TEST,
        `${t.cells.length} template cells of ${t.table}.${t.column}: no ISO record, entropy of ciphertext${
          auth?.opened ? `; ${auth.opened} opened under their own row as AEAD (+${AEAD_OVERHEAD} bytes)` : ''
        }`,
        { details },
      ),
      volatile,
    },
  ];
}
