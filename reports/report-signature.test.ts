import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkReportSignature, signReport } from './report-signature.ts';
import { generateSigningKeyPair, keyId, loadPrivateKey, loadPublicKey, publicJwk } from './signing-key.ts';

const dir = mkdtempSync(join(tmpdir(), 'dactylo-sig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const report = {
  schema: 'x',
  verdict: 'pass',
  requirements: [{ id: 'DEP-PII-01', verdict: 'pass' }],
  n: 1.5,
};

describe('report signatures', () => {
  const { privateKey, publicKey } = generateSigningKeyPair();

  it('signs deterministically over the canonical form, whatever the member order', () => {
    const a = signReport(report, privateKey);
    const reordered = { n: 1.5, requirements: report.requirements, verdict: 'pass', schema: 'x' };
    expect(signReport(reordered, privateKey).signature).toEqual(a.signature);
    expect(checkReportSignature(JSON.parse(JSON.stringify(a, null, 3)), publicKey)).toEqual({
      ok: true,
      keyId: a.signature.keyId,
      trusted: true,
    });
  });

  it('detects a changed verdict, a changed number, a removed member and a re-signed report', () => {
    const signed = signReport(report, privateKey);
    const tampered = structuredClone(signed);
    tampered.requirements[0].verdict = 'fail';
    expect(checkReportSignature(tampered)).toMatchObject({ ok: false, problem: 'bad-signature' });
    expect(checkReportSignature({ ...signed, n: 1.50001 })).toMatchObject({
      ok: false,
      problem: 'bad-signature',
    });
    const { n: _n, ...removed } = signed;
    expect(checkReportSignature(removed)).toMatchObject({ ok: false, problem: 'bad-signature' });
    const other = generateSigningKeyPair();
    const forged = signReport({ ...report, verdict: 'fail' }, other.privateKey);
    expect(checkReportSignature(forged).ok).toBe(true);
    expect(checkReportSignature(forged, publicKey)).toMatchObject({ ok: false, problem: 'wrong-key' });
    const swapped = { ...forged, signature: { ...forged.signature, keyId: signed.signature.keyId } };
    expect(checkReportSignature(swapped)).toMatchObject({ ok: false, problem: 'bad-public-key' });
    expect(checkReportSignature(report)).toMatchObject({ ok: false, problem: 'unsigned' });
  });

  it('computes the RFC 7638 thumbprint of the RFC 8037 example key', () => {
    // RFC 8037 Appendix A.3.
    expect(keyId({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' })).toBe(
      'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k',
    );
  });

  it('loads keys from PEM and JWK files and names a bad file', async () => {
    const pem = join(dir, 'k.pem');
    writeFileSync(pem, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const jwk = join(dir, 'k.jwk');
    writeFileSync(jwk, JSON.stringify(publicJwk(publicKey)));
    const loaded = await loadPrivateKey(pem);
    expect(publicJwk(loaded)).toEqual(publicJwk(publicKey));
    expect(publicJwk(await loadPublicKey(jwk))).toEqual(publicJwk(publicKey));
    expect(publicJwk(await loadPublicKey(pem))).toEqual(publicJwk(publicKey));
    await expect(loadPrivateKey(jwk)).rejects.toThrow(/public key; signing needs the private key/);
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'hello');
    await expect(loadPublicKey(junk)).rejects.toThrow(/junk\.pem: not a public key/);
    await expect(loadPublicKey(join(dir, 'none'))).rejects.toThrow(/cannot read key \(ENOENT\)/);
    const { generateKeyPairSync } = await import('node:crypto');
    const ec = join(dir, 'ec.pem');
    writeFileSync(
      ec,
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'pem', type: 'spki' }),
    );
    await expect(loadPublicKey(ec)).rejects.toThrow(/expected an Ed25519 key, got ec/);
  });
});
