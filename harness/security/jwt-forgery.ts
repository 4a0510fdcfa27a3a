import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { decodeJwt, importJWK, type JSONWebKeySet } from 'jose';
import type { SuiteEvidence } from '../certify/certification-suite.ts';
import type { CertificationTarget, TokenKeys } from '../targets/certification-target.ts';
import {
  type AttackToken,
  algNoneToken,
  expiredToken,
  keyConfusionToken,
  strippedSignatureToken,
  type TokenContext,
  tamperedClaimsToken,
  wrongAudienceToken,
} from './jwt-attacks.ts';
import { answer, evidence, rawClient, type SecurityRun } from './security-fixtures.ts';

export const JWT_FORGERY_TESTS = [
  'security/jwt-alg-none',
  'security/jwt-key-confusion',
  'security/jwt-expired',
  'security/jwt-wrong-audience',
  'security/jwt-tampered-claims',
] as const;

/** The target's token keys, when it gives them and they are a key set. */
export function tokenKeysOf(target: CertificationTarget): TokenKeys | null {
  const k = target.tokenKeys;
  return k && Array.isArray(k.publicKeys?.keys) ? k : null;
}

/** The public keys as the target publishes them, from the target or its well-known JWKS URL. */
async function publishedKeys(target: CertificationTarget): Promise<JSONWebKeySet | null> {
  const given = tokenKeysOf(target)?.publicKeys;
  if (given) return given;
  for (const path of ['/.well-known/jwks.json', '/jwks.json']) {
    try {
      const r = await target.transport({ method: 'GET', path, headers: { accept: 'application/json' } });
      const body = r.status === 200 ? JSON.parse(r.body) : null;
      if (body && Array.isArray(body.keys)) return body as JSONWebKeySet;
    } catch {
      // Not published there: try the next place.
    }
  }
  return null;
}

/** Every text a careless verifier might use as the HMAC secret: JWKS, each JWK, each key as SPKI PEM. */
export function publicKeyTexts(jwks: JSONWebKeySet): [form: string, text: string][] {
  const texts: [string, string][] = [['the JWKS JSON', JSON.stringify(jwks)]];
  for (const [i, jwk] of jwks.keys.entries()) {
    texts.push([`key ${i + 1} as JWK JSON`, JSON.stringify(jwk)]);
    try {
      const pem = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })
        .export({ type: 'spki', format: 'pem' })
        .toString();
      texts.push([`key ${i + 1} as SPKI PEM`, pem], [`key ${i + 1} as SPKI PEM, trimmed`, pem.trim()]);
    } catch {
      // A key type node cannot import: the JSON forms still go.
    }
  }
  return texts;
}

interface Shot {
  test: string;
  description: string;
  answer: string;
  ok: boolean;
}

async function fire(run: SecurityRun, t: AttackToken): Promise<Shot> {
  const r = await rawClient(run.target, { token: t.token }).exportAudit({ limit: 1 });
  return { test: t.test, description: t.description, answer: answer(r), ok: r.status === 401 };
}

function judgeShots(test: string, shots: Shot[]): SuiteEvidence {
  const mine = shots.filter((s) => s.test === test);
  const wrong = mine.filter((s) => !s.ok);
  const details = { tokens: mine };
  if (wrong.length > 0)
    return evidence.fail(
      test,
      `forged token accepted or not refused with 401: ${wrong.map((w) => `${w.description} → ${w.answer}`).join('; ')}`,
      { details },
    );
  return evidence.pass(
    test,
    `${mine.length} forged token(s) refused with 401 (${mine.map((m) => m.description).join('; ')})`,
    {
      details,
    },
  );
}

/**
 * The classic JWT failures (RFC 8725) against the auditor's export: alg none, HS256 keyed with the
 * public key, a signed but expired token, a token for another audience, and a border officer's
 * token with its role changed to auditor (signature kept, or cut off). The auditor's own token must
 * be accepted on the same request, or a 401 proves nothing.
 */
export async function jwtForgery(run: SecurityRun): Promise<SuiteEvidence[]> {
  const auditor = run.target.token('auditor');
  const border = run.target.token('border-officer');
  if (!auditor || !border)
    return JWT_FORGERY_TESTS.map((t) =>
      evidence.skipped(
        t,
        'no auditor or border-officer token',
        'the target config gives no token for these roles',
      ),
    );
  const control = await rawClient(run.target, 'auditor').exportAudit({ limit: 1 });
  if (control.status !== 200)
    return JWT_FORGERY_TESTS.map((t) =>
      evidence.error(
        t,
        'the genuine auditor token was not accepted',
        `exportAudit answered ${answer(control)}`,
      ),
    );
  const claims = decodeJwt(auditor);
  const now = typeof claims.iat === 'number' ? claims.iat : Math.floor(Date.now() / 1000);
  const keys = tokenKeysOf(run.target);
  const signingKey = keys?.signingJwk
    ? {
        key: await importJWK(keys.signingJwk, keys.signingJwk.alg ?? 'EdDSA'),
        alg: keys.signingJwk.alg ?? 'EdDSA',
      }
    : null;
  const ctx: TokenContext = { claims, publicKeyText: '', signingKey, validToken: border, now };
  const tokens: AttackToken[] = [
    algNoneToken(ctx),
    tamperedClaimsToken(ctx, { role: 'auditor' }),
    strippedSignatureToken(ctx),
  ];
  const jwks = await publishedKeys(run.target);
  for (const [form, text] of jwks ? publicKeyTexts(jwks) : []) {
    const t = await keyConfusionToken({ ...ctx, publicKeyText: text });
    tokens.push({ ...t, description: `HS256 keyed with ${form}` });
  }
  for (const t of [await expiredToken(ctx), await wrongAudienceToken(ctx)]) if (t) tokens.push(t);
  const shots: Shot[] = [];
  for (const t of tokens) shots.push(await fire(run, t));
  return JWT_FORGERY_TESTS.map((test) => {
    if (test === 'security/jwt-key-confusion' && !jwks)
      return evidence.skipped(
        test,
        'the target’s public token key is unknown',
        'neither the target config (auth.jwks) nor /.well-known/jwks.json gives the public key the attack needs',
      );
    if ((test === 'security/jwt-expired' || test === 'security/jwt-wrong-audience') && !signingKey)
      return evidence.skipped(
        test,
        'no key the target trusts is available to sign the token',
        'a properly signed expired or misdirected token needs one of the target’s signing keys (the in-process reference only)',
      );
    return judgeShots(test, shots);
  });
}
