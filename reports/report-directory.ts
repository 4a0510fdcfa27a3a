import type { KeyObject } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { AtomicDirectory } from '../harness/cli/atomic-output.ts';
import type { CertificationReport } from './certification-report.ts';
import { junitXml } from './junit-xml.ts';
import { certificationHtml } from './report-html.ts';
import { signReport } from './report-signature.ts';

export const REPORT_FILES = { json: 'report.json', html: 'report.html', junit: 'report.junit.xml' } as const;

/**
 * Writes DIR/report.json (signed when a key is given), DIR/report.html and DIR/report.junit.xml,
 * plus `extraFiles` (name → text, e.g. the public key that checks the signature); the directory
 * appears only when all are complete.
 */
export async function writeReportDirectory(
  dir: string,
  report: CertificationReport,
  signingKey?: KeyObject,
  extraFiles: Readonly<Record<string, string>> = {},
): Promise<CertificationReport> {
  const final = signingKey ? signReport(report, signingKey) : report;
  const out = await AtomicDirectory.create(dir);
  try {
    await writeFile(out.file(REPORT_FILES.json), `${JSON.stringify(final, null, 2)}\n`);
    await writeFile(out.file(REPORT_FILES.html), certificationHtml(final));
    await writeFile(out.file(REPORT_FILES.junit), junitXml(final));
    for (const [name, text] of Object.entries(extraFiles)) await writeFile(out.file(name), text);
    await out.commit();
  } catch (e) {
    await out.abort();
    throw e;
  }
  return final;
}
