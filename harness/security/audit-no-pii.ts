import type { Resident } from '../../sim/population/index.ts';
import type { SuiteEvidence } from '../certify/certification-suite.ts';
import { findLeaks } from '../targets/pii-canary.ts';
import { exportAuditEntries } from './audit-export.ts';
import { canaryValues, evidence, type SecurityRun } from './security-fixtures.ts';

const TEST = 'security/audit-no-pii';

/**
 * SEC-AUD-03: the personal data of every resident this suite sent through the API (IIN, names,
 * birth date, as text, hex and base64) must not occur anywhere in the auditor's export, although the
 * export holds entries about each of them.
 */
export async function auditNoPii(
  run: SecurityRun,
  residents: readonly Resident[],
  documentNumbers: readonly string[],
): Promise<SuiteEvidence[]> {
  const entries = await exportAuditEntries(run.target);
  if (entries.length === 0)
    return [
      evidence.error(
        TEST,
        'the audit export is empty',
        'nothing to search: the audited acts left no entries',
      ),
    ];
  const values = [...canaryValues(residents), ...documentNumbers];
  const leaks = findLeaks(values, { 'audit export': JSON.stringify(entries) });
  const leaked = [...new Set(leaks.map((l) => values.indexOf(l.value)))].length;
  const details = { entries: entries.length, canaries: values.length, leakedValues: leaked };
  if (leaks.length > 0)
    return [
      evidence.fail(
        TEST,
        `${leaked} of ${values.length} personal values of ${residents.length} residents occur in the audit export`,
        {
          details: { ...details, places: [...new Set(leaks.map((l) => l.where))] },
        },
      ),
    ];
  return [
    evidence.pass(
      TEST,
      `none of ${values.length} personal values of ${residents.length} residents in ${entries.length} audit entries`,
      {
        details,
      },
    ),
  ];
}
