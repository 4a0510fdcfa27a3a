import { createPublicKey } from 'node:crypto';
import {
  type CryptoKey,
  decodeJwt,
  decodeProtectedHeader,
  exportSPKI,
  generateKeyPair,
  jwtVerify,
  SignJWT,
} from 'jose';
import { describe, expect, it } from 'vitest';
import { attackTokens, type TokenContext } from './jwt-attacks.ts';

const now = 1_764_000_000;
const claims = {
  iss: 'urn:dactylo:reference:token-issuer',
  aud: 'urn:dactylo:reference:api',
  sub: 'psc-operator-1',
  role: 'psc-operator',
};

async function context(withKey: boolean): Promise<{ ctx: TokenContext; publicKey: CryptoKey }> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  const validToken = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA' })
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(privateKey);
  const publicKeyText = await exportSPKI(publicKey);
  return {
    ctx: {
      claims,
      publicKeyText,
      signingKey: withKey ? { key: privateKey, alg: 'EdDSA' } : null,
      validToken,
      now,
    },
    publicKey,
  };
}

/** The verifier a correct target runs: its own algorithm and key, issuer, audience and time checked. */
const strict = (token: string, key: CryptoKey) =>
  jwtVerify(token, key, {
    algorithms: ['EdDSA'],
    issuer: claims.iss,
    audience: claims.aud,
    currentDate: new Date(now * 1000),
  });

describe('JWT attack tokens', () => {
  it('builds every attack, each refused by a correct verifier for the reason it targets', async () => {
    const { ctx, publicKey } = await context(true);
    const { tokens, missing } = await attackTokens(ctx, { role: 'identification-officer' });
    expect(missing).toEqual([]);
    expect(tokens.map((t) => t.test)).toEqual([
      'security/jwt-alg-none',
      'security/jwt-key-confusion',
      'security/jwt-expired',
      'security/jwt-wrong-audience',
      'security/jwt-tampered-claims',
      'security/jwt-tampered-claims',
    ]);
    const codes = await Promise.all(
      tokens.map((t) =>
        strict(t.token, publicKey).then(
          () => 'accepted',
          (e) => (e as { code: string }).code,
        ),
      ),
    );
    expect(codes).toEqual([
      'ERR_JOSE_ALG_NOT_ALLOWED',
      'ERR_JOSE_ALG_NOT_ALLOWED',
      'ERR_JWT_EXPIRED',
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    ]);
    await expect(strict(ctx.validToken, publicKey)).resolves.toBeTruthy();
  });

  it('builds tokens that a careless verifier does accept (so a pass means the target checked)', async () => {
    const { ctx, publicKey } = await context(true);
    const { tokens } = await attackTokens(ctx, { role: 'identification-officer' });
    const [none, confusion, expired, audience, tampered] = tokens;
    expect(decodeProtectedHeader(none.token).alg).toBe('none');
    expect(none.token.endsWith('.')).toBe(true);
    // Key confusion verifies under HMAC with the public key's text as secret.
    await expect(
      jwtVerify(confusion.token, new TextEncoder().encode(ctx.publicKeyText), {
        currentDate: new Date(now * 1000),
      }),
    ).resolves.toBeTruthy();
    await expect(
      jwtVerify(expired.token, publicKey, { currentDate: new Date((now - 5000) * 1000) }),
    ).resolves.toBeTruthy();
    await expect(
      jwtVerify(audience.token, publicKey, { currentDate: new Date(now * 1000) }),
    ).resolves.toBeTruthy();
    expect(decodeJwt(tampered.token)).toMatchObject({
      role: 'identification-officer',
      sub: 'psc-operator-1',
    });
    expect(createPublicKey(ctx.publicKeyText).asymmetricKeyType).toBe('ed25519');
  });

  it('names the attacks it cannot build without a trusted key', async () => {
    const { ctx } = await context(false);
    const { tokens, missing } = await attackTokens(ctx, { role: 'auditor' });
    expect(missing).toEqual(['security/jwt-expired', 'security/jwt-wrong-audience']);
    expect(tokens).toHaveLength(4);
  });
});
