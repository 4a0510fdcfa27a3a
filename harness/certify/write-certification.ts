import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import type { CertificationReport } from '../../reports/certification-report.ts';
import { REPORT_FILES, writeReportDirectory } from '../../reports/report-directory.ts';
import { generateSigningKeyPair, keyId, loadPrivateKey, publicJwk } from '../../reports/signing-key.ts';

/** Written beside the report when dactylo signed with a key of its own (no --signing-key). */
export const PUBLIC_KEY_FILE = 'signing-key.public.jwk';

export interface WrittenCertification {
  report: CertificationReport;
  dir: string;
  html: string;
  keyId: string;
  /** Set when the key was made for this run: whoever checks the report needs it. */
  publicKeyFile: string | null;
}

/**
 * Signs the report and writes DIR atomically (report.json, report.html, report.junit.xml). With
 * `signingKeyFile` the lab's own Ed25519 key signs; without, a fresh key does and its public JWK is
 * written beside the report, so `dactylo report verify --public-key` can check it.
 */
export async function writeCertification(
  dir: string,
  report: CertificationReport,
  o: { signingKeyFile?: string } = {},
): Promise<WrittenCertification> {
  let key: KeyObject;
  const extra: Record<string, string> = {};
  if (o.signingKeyFile) key = await loadPrivateKey(o.signingKeyFile);
  else {
    key = generateSigningKeyPair().privateKey;
    extra[PUBLIC_KEY_FILE] = `${JSON.stringify(publicJwk(key), null, 2)}\n`;
  }
  const signed = await writeReportDirectory(dir, report, key, extra);
  return {
    report: signed,
    dir,
    html: join(dir, REPORT_FILES.html),
    keyId: keyId(publicJwk(key)),
    publicKeyFile: o.signingKeyFile ? null : join(dir, PUBLIC_KEY_FILE),
  };
}
