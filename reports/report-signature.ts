import { createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import { keyId, type PublicJwk, publicJwk } from './signing-key.ts';

export interface ReportSignature {
  algorithm: 'Ed25519';
  canonicalization: 'RFC8785';
  keyId: string;
  publicKey: PublicJwk;
  value: string;
}

type Signable = Record<string, unknown> & { signature?: ReportSignature };

/** The bytes a signature covers: the canonical JSON of the report without its `signature` member. */
export function signedBytes(report: Signable): Buffer {
  const { signature: _omit, ...rest } = report;
  return Buffer.from(canonicalJson(rest), 'utf8');
}

/** Returns the report with an Ed25519 signature over its canonical form (deterministic, RFC 8032). */
export function signReport<T extends Signable>(
  report: T,
  privateKey: KeyObject,
): T & { signature: ReportSignature } {
  const jwk = publicJwk(privateKey);
  const value = sign(null, signedBytes(report), privateKey).toString('base64url');
  return {
    ...report,
    signature: {
      algorithm: 'Ed25519',
      canonicalization: 'RFC8785',
      keyId: keyId(jwk),
      publicKey: jwk,
      value,
    },
  };
}

export type SignatureCheck =
  | { ok: true; keyId: string; trusted: boolean }
  | { ok: false; problem: 'unsigned' | 'wrong-key' | 'bad-signature' | 'bad-public-key'; message: string };

/**
 * Checks a report's signature. With `trustedKey`, the report must be signed by exactly that key;
 * without, only integrity against the embedded key is shown (anyone can sign with their own key).
 */
export function checkReportSignature(report: Signable, trustedKey?: KeyObject): SignatureCheck {
  const s = report.signature;
  if (!s) return { ok: false, problem: 'unsigned', message: 'the report is not signed' };
  let embedded: KeyObject;
  try {
    embedded = createPublicKey({ key: { ...s.publicKey }, format: 'jwk' });
  } catch {
    return {
      ok: false,
      problem: 'bad-public-key',
      message: 'the embedded public key is not a valid Ed25519 JWK',
    };
  }
  if (keyId(publicJwk(embedded)) !== s.keyId)
    return {
      ok: false,
      problem: 'bad-public-key',
      message: 'the keyId does not match the embedded public key',
    };
  if (trustedKey) {
    const expected = keyId(publicJwk(trustedKey));
    if (expected !== s.keyId)
      return {
        ok: false,
        problem: 'wrong-key',
        message: `signed by key ${s.keyId}, not by the given public key ${expected}`,
      };
  }
  const good = verify(null, signedBytes(report), embedded, Buffer.from(s.value, 'base64url'));
  if (!good)
    return {
      ok: false,
      problem: 'bad-signature',
      message: 'the signature does not match the content: the report was changed after signing',
    };
  return { ok: true, keyId: s.keyId, trusted: trustedKey !== undefined };
}
