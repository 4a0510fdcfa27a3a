import type { KeyObject } from 'node:crypto';
import { describeErrors, schemaValidator } from '../harness/contract/validate.ts';
import { type CertificationReport, reproducibleDigest } from './certification-report.ts';
import { checkReportSignature } from './report-signature.ts';

export type VerifyProblem =
  | 'not-json'
  | 'schema'
  | 'unsigned'
  | 'wrong-key'
  | 'bad-signature'
  | 'bad-public-key';

export type VerifyResult =
  | { ok: true; report: CertificationReport; keyId: string | null; trusted: boolean; digest: string }
  | { ok: false; problem: VerifyProblem; message: string };

/**
 * Checks a report file's text: JSON, then the certification-report schema, then the signature
 * (against `trustedKey` when given). An unsigned report passes only with `allowUnsigned`.
 */
export function verifyReport(
  text: string,
  options: { trustedKey?: KeyObject; allowUnsigned?: boolean } = {},
): VerifyResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: 'not-json', message: `not JSON (${(e as Error).message})` };
  }
  const validate = schemaValidator('certification-report.schema.json');
  if (!validate(data))
    return {
      ok: false,
      problem: 'schema',
      message: `not a certification report: ${describeErrors(validate.errors)}`,
    };
  const report = data as CertificationReport;
  const digest = reproducibleDigest(report);
  if (!report.signature && options.allowUnsigned && !options.trustedKey)
    return { ok: true, report, keyId: null, trusted: false, digest };
  const check = checkReportSignature(report, options.trustedKey);
  if (!check.ok) return { ok: false, problem: check.problem, message: check.message };
  return { ok: true, report, keyId: check.keyId, trusted: check.trusted, digest };
}
