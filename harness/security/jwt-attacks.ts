import { type CryptoKey, decodeJwt, type JWTPayload, type KeyObject, SignJWT, UnsecuredJWT } from 'jose';

/**
 * Forged bearer tokens, one per classic JWT failure (RFC 8725 §2): each names the test that sends it
 * (the IDs requirements list) and must be answered with 401 by a correct target.
 */
export interface AttackToken {
  test: string;
  description: string;
  token: string;
}

type SigningKey = CryptoKey | KeyObject | Uint8Array;

export interface TokenContext {
  /** The claims a legitimate token for the attacked role carries (iss, aud, sub, role…). */
  claims: JWTPayload;
  /** The target's public token key as published (PEM text or JWK JSON): the key-confusion secret. */
  publicKeyText: string;
  /** A key the target trusts, when the harness has one (the reference target); otherwise null. */
  signingKey: { key: SigningKey; alg: string } | null;
  /** A token the target really issued, for the tampering attack. */
  validToken: string;
  /** "now" in seconds, so that tokens are the same for the same inputs. */
  now: number;
}

function withoutTimes(c: JWTPayload): JWTPayload {
  const { exp: _e, iat: _i, nbf: _n, ...rest } = c;
  return rest;
}

/** alg "none": no signature at all (RFC 7519 §6). */
export function algNoneToken(ctx: TokenContext): AttackToken {
  const token = new UnsecuredJWT(withoutTimes(ctx.claims))
    .setIssuedAt(ctx.now)
    .setExpirationTime(ctx.now + 600)
    .encode();
  return { test: 'security/jwt-alg-none', description: 'unsigned token, header alg "none"', token };
}

/**
 * Key confusion: HS256 keyed with the bytes of the server's public key. A verifier that picks the
 * algorithm from the token's header and the key from its key store accepts it.
 */
export async function keyConfusionToken(ctx: TokenContext): Promise<AttackToken> {
  const token = await new SignJWT(withoutTimes(ctx.claims))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(ctx.now)
    .setExpirationTime(ctx.now + 600)
    .sign(new TextEncoder().encode(ctx.publicKeyText));
  return { test: 'security/jwt-key-confusion', description: 'HS256 keyed with the public key', token };
}

async function signed(
  ctx: TokenContext,
  claims: JWTPayload,
  iat: number,
  exp: number,
): Promise<string | null> {
  if (!ctx.signingKey) return null;
  return new SignJWT(withoutTimes(claims))
    .setProtectedHeader({ alg: ctx.signingKey.alg, typ: 'JWT' })
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(ctx.signingKey.key);
}

/** A properly signed token whose exp passed an hour ago; null without a trusted key to sign it. */
export async function expiredToken(ctx: TokenContext): Promise<AttackToken | null> {
  const token = await signed(ctx, ctx.claims, ctx.now - 7200, ctx.now - 3600);
  return token === null
    ? null
    : { test: 'security/jwt-expired', description: 'signed, expired an hour ago', token };
}

/** A properly signed token for another audience; null without a trusted key to sign it. */
export async function wrongAudienceToken(ctx: TokenContext): Promise<AttackToken | null> {
  const token = await signed(
    ctx,
    { ...ctx.claims, aud: 'urn:dactylo:attacker:other-service' },
    ctx.now,
    ctx.now + 600,
  );
  return token === null
    ? null
    : { test: 'security/jwt-wrong-audience', description: 'signed for another audience', token };
}

/** The target's own token with claims changed (a stronger role) and the original signature kept. */
export function tamperedClaimsToken(ctx: TokenContext, changes: JWTPayload): AttackToken {
  const [header, , signature] = ctx.validToken.split('.');
  const payload = Buffer.from(JSON.stringify({ ...decodeJwt(ctx.validToken), ...changes })).toString(
    'base64url',
  );
  return {
    test: 'security/jwt-tampered-claims',
    description: `claims changed after signing: ${Object.keys(changes).join(', ')}`,
    token: `${header}.${payload}.${signature}`,
  };
}

/** The target's own token with its signature cut off. */
export function strippedSignatureToken(ctx: TokenContext): AttackToken {
  const [header, payload] = ctx.validToken.split('.');
  return {
    test: 'security/jwt-tampered-claims',
    description: 'signature removed',
    token: `${header}.${payload}.`,
  };
}

/**
 * Every attack token for one role. Tokens that need a trusted signing key are left out, and named
 * in `missing`, when the harness has none (a vendor target): their requirement is then not evaluated.
 */
export async function attackTokens(
  ctx: TokenContext,
  elevate: JWTPayload,
): Promise<{ tokens: AttackToken[]; missing: string[] }> {
  const optional = [await expiredToken(ctx), await wrongAudienceToken(ctx)];
  const tokens = [
    algNoneToken(ctx),
    await keyConfusionToken(ctx),
    ...optional.filter((t): t is AttackToken => t !== null),
    tamperedClaimsToken(ctx, elevate),
    strippedSignatureToken(ctx),
  ];
  const missing = ctx.signingKey ? [] : ['security/jwt-expired', 'security/jwt-wrong-audience'];
  return { tokens, missing };
}
