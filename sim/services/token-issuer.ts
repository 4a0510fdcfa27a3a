import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK, SignJWT } from 'jose';
import type { Role } from '../reference/types.ts';

/** What the reference's tokens say they are for; the verifier checks both. */
export const DEFAULT_ISSUER = 'urn:dactylo:reference:token-issuer';
export const DEFAULT_AUDIENCE = 'urn:dactylo:reference:api';

export interface MintOptions {
  role: Role;
  /** Pseudonymous operator id (never a name); default `<role>-1`. */
  subject?: string;
  /** PSC or consulate code, for operators who take applications. */
  office?: string;
  /** Lifetime in seconds (default 3600). */
  ttlSeconds?: number;
  /** Issue time (default now), for tests of expiry. */
  issuedAt?: Date;
}

export interface TokenIssuer {
  issuer: string;
  audience: string;
  /** The public half, for the verifier. */
  publicKeys: JSONWebKeySet;
  /** The private key as a JWK, to write to a file for other processes that mint tokens. */
  privateJwk: JWK;
  mint(options: MintOptions): Promise<string>;
}

export interface TokenIssuerOptions {
  issuer?: string;
  audience?: string;
  /** A private Ed25519 JWK (`kty: OKP, crv: Ed25519, d, x`), e.g. read from a file; default: generated now. */
  privateJwk?: JWK;
}

/**
 * The reference deployment's token issuer: Ed25519 (EdDSA) signatures, a key generated at start
 * (or loaded), short-lived tokens. A real deployment takes tokens from its identity provider; this
 * exists so that tests, the demo and load runs can act as each role.
 */
export async function createTokenIssuer(options: TokenIssuerOptions = {}): Promise<TokenIssuer> {
  const issuer = options.issuer ?? DEFAULT_ISSUER;
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const privateJwk = options.privateJwk ?? (await newPrivateJwk());
  if (privateJwk.kty !== 'OKP' || privateJwk.crv !== 'Ed25519' || !privateJwk.d || !privateJwk.x)
    throw new Error('the signing key must be a private Ed25519 JWK (kty OKP, crv Ed25519, with d and x)');
  const kid = privateJwk.kid ?? 'dactylo-reference-1';
  const signingKey = await importJWK({ ...privateJwk, alg: 'EdDSA' }, 'EdDSA');
  const publicJwk: JWK = { kty: 'OKP', crv: 'Ed25519', x: privateJwk.x, kid, alg: 'EdDSA', use: 'sig' };
  return {
    issuer,
    audience,
    publicKeys: { keys: [publicJwk] },
    privateJwk: { ...privateJwk, kid },
    async mint(m) {
      const iat = Math.floor((m.issuedAt ?? new Date()).getTime() / 1000);
      const claims: Record<string, string> = { role: m.role };
      if (m.office) claims.office = m.office;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(m.subject ?? `${m.role}-1`)
        .setIssuedAt(iat)
        .setExpirationTime(iat + (m.ttlSeconds ?? 3600))
        .setJti(randomUUID())
        .sign(signingKey);
    },
  };
}

async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return exportJWK(privateKey);
}

/** Reads a private JWK file written by `dactylo serve --signing-key` or by hand. */
export function readPrivateJwk(path: string): JWK {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text) as JWK;
  } catch {
    throw new Error(`${path} is not a JSON Web Key (not valid JSON)`);
  }
}
