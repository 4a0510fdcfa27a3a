import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';
import { type Actor, ROLES, type Role } from '../reference/types.ts';
import { HttpError } from './http-error.ts';

/**
 * Only asymmetric signatures the issuer uses: an allow-list, so `alg: none`, HS256 signed with the
 * public key as a shared secret (the classic key confusion) and RS256 are refused before any key is
 * looked at.
 */
export const ACCEPTED_ALGORITHMS = ['EdDSA', 'ES256'] as const;

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** The issuer's public keys (each with `kid`); several during a key rotation. */
  keys: JSONWebKeySet;
  /** Tolerated clock difference with the issuer, seconds (default 30). */
  clockToleranceSeconds?: number;
  /** Now, for tests. */
  clock?: () => Date;
}

export type TokenVerifier = (authorization: string | undefined) => Promise<Actor>;

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;

/** Checks a bearer token's signature, issuer, audience and lifetime and returns who acts. */
export function tokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keySet = createLocalJWKSet(options.keys);
  return async (authorization) => {
    if (!authorization)
      throw new HttpError(401, 'token-missing', 'an Authorization: Bearer token is required');
    const m = BEARER.exec(authorization);
    if (!m) throw new HttpError(401, 'token-invalid', 'the Authorization header must be "Bearer <JWT>"');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(m[1], keySet, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: [...ACCEPTED_ALGORITHMS],
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: options.clockToleranceSeconds ?? 30,
        currentDate: options.clock?.(),
      }));
    } catch (e) {
      throw tokenError(e);
    }
    return actorOf(payload);
  };
}

function tokenError(e: unknown): HttpError {
  const www = { 'WWW-Authenticate': 'Bearer error="invalid_token"' };
  if (e instanceof errors.JWTExpired)
    return new HttpError(401, 'token-expired', 'the token has expired', www);
  if (e instanceof errors.JOSEAlgNotAllowed)
    return new HttpError(
      401,
      'token-invalid',
      `the token must be signed with ${ACCEPTED_ALGORITHMS.join(' or ')}`,
      www,
    );
  if (e instanceof errors.JWTClaimValidationFailed)
    return new HttpError(
      401,
      'token-invalid',
      `the token's "${e.claim}" claim is not acceptable (${e.reason})`,
      www,
    );
  if (e instanceof errors.JWKSNoMatchingKey)
    return new HttpError(401, 'token-invalid', 'the token is not signed by a key this service trusts', www);
  if (e instanceof errors.JWSSignatureVerificationFailed)
    return new HttpError(401, 'token-invalid', 'the token signature does not verify', www);
  return new HttpError(401, 'token-invalid', 'the token is malformed', www);
}

function actorOf(payload: JWTPayload): Actor {
  const role = payload.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))
    throw new HttpError(401, 'token-invalid', `the token's "role" claim must be one of ${ROLES.join(', ')}`);
  const sub = payload.sub ?? '';
  if (!/^[A-Za-z0-9._:-]{1,128}$/.test(sub))
    throw new HttpError(401, 'token-invalid', 'the token\'s "sub" claim must be a pseudonymous operator id');
  const office = payload.office;
  if (office !== undefined && (typeof office !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(office)))
    throw new HttpError(401, 'token-invalid', 'the token\'s "office" claim must be an office code');
  return office === undefined ? { id: sub, role: role as Role } : { id: sub, role: role as Role, office };
}
