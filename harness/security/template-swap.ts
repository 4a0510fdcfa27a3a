import type { SuiteEvidence } from '../certify/certification-suite.ts';
import { containsFmrMagic } from './byte-statistics.ts';
import { evidence, type SecurityRun } from './security-fixtures.ts';
import { storedTemplates, type TemplateCell } from './stored-templates.ts';
import { rowBinding, storedForm } from './template-encryption.ts';

const TEST = 'inspection/template-swap';
const PAIRS = 5;

/** Pairs of cells of the same finger position of two different subjects. */
function swapPairs(cells: readonly TemplateCell[]): [TemplateCell, TemplateCell][] {
  const pairs: [TemplateCell, TemplateCell][] = [];
  for (const a of cells) {
    const ba = rowBinding(a);
    if (!ba) continue;
    const b = cells.find((c) => {
      const bc = rowBinding(c);
      return bc !== null && bc.position === ba.position && bc.subjectId !== ba.subjectId;
    });
    if (b) pairs.push([a, b]);
    if (pairs.length === PAIRS) break;
  }
  return pairs;
}

/**
 * SEC-CRY-01: a sealed template copied into another subject's row must fail authentication there,
 * and one altered byte must fail it in its own row; a template stored in clear can be moved at will.
 * The cells are read through the lab's read-only connection and opened by the target's own
 * decryption as its vault would on reading the row (an in-process hook): no write is needed.
 */
export async function templateSwap(run: SecurityRun): Promise<SuiteEvidence[]> {
  const db = run.target.fingerprintDatabase;
  const decrypt = run.target.hooks?.decryptTemplate;
  if (!db || !decrypt)
    return [
      evidence.skipped(
        TEST,
        'templates cannot be moved or opened by the lab',
        'moving a sealed template to another row needs write access to the vault or the target’s decryption (the in-process reference’s hook); this target offers neither',
      ),
    ];
  const t = await storedTemplates(db);
  const pairs = t ? swapPairs(t.cells) : [];
  if (!t || pairs.length === 0)
    return [
      evidence.error(
        TEST,
        'no two subjects’ cells of one finger found',
        'the vault rows name no subject and position the harness can pair',
      ),
    ];
  const clear = pairs.filter(([a]) => containsFmrMagic(a.cell)).length;
  const trials = pairs.map(([a, b]) => {
    const own = rowBinding(a) as { subjectId: string; position: number };
    const other = rowBinding(b) as { subjectId: string; position: number };
    const stored = storedForm(a);
    const altered = Buffer.from(stored);
    altered[altered.length - 20] ^= 0x01;
    return {
      opensInOwnRow: decrypt(stored, own) !== null,
      opensInOtherRow: decrypt(stored, other) !== null,
      opensAltered: decrypt(altered, own) !== null,
    };
  });
  const details = { pairs: pairs.length, clearRecords: clear, trials };
  if (clear > 0)
    return [
      evidence.fail(
        TEST,
        `${clear} of ${pairs.length} cells are ISO records in clear: a copy to another row cannot fail authentication`,
        {
          details,
        },
      ),
    ];
  const moved = trials.filter((x) => x.opensInOtherRow).length;
  const altered = trials.filter((x) => x.opensAltered).length;
  if (moved > 0 || altered > 0)
    return [
      evidence.fail(
        TEST,
        `${moved} of ${trials.length} moved templates and ${altered} altered ones still opened`,
        { details },
      ),
    ];
  const control = trials.filter((x) => x.opensInOwnRow).length;
  if (control < trials.length)
    return [
      evidence.error(
        TEST,
        `${trials.length - control} cells did not open in their own row either`,
        'a refusal in another row proves nothing when the row’s own template does not open',
        { details },
      ),
    ];
  return [
    evidence.pass(
      TEST,
      `${trials.length} templates open in their own row only: moved to another subject or altered by one byte, authentication fails`,
      {
        details,
      },
    ),
  ];
}
