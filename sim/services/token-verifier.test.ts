import { base64url, exportJWK, generateKeyPair, importJWK, SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from './http-error.ts';
import { createTokenIssuer, type TokenIssuer } from './token-issuer.ts';
import { type TokenVerifier, tokenVerifier } from './token-verifier.ts';

let issuer: TokenIssuer;
let verify: TokenVerifier;

beforeAll(async () => {
  issuer = await createTokenIssuer();
  verify = tokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, keys: issuer.publicKeys });
});

async function rejection(authorization: string | undefined): Promise<HttpError> {
  const e = await verify(authorization).then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(HttpError);
  expect((e as HttpError).statusCode).toBe(401);
  return e as HttpError;
}

const bearer = (t: string) => `Bearer ${t}`;

describe('token verifier', () => {
  it("accepts the issuer's token and returns the actor it names", async () => {
    const t = await issuer.mint({ role: 'psc-operator', subject: 'op-17', office: 'PSC-ALA-03' });
    expect(await verify(bearer(t))).toEqual({ id: 'op-17', role: 'psc-operator', office: 'PSC-ALA-03' });
  });

  it('says which is wrong: missing, not a bearer JWT, expired', async () => {
    expect((await rejection(undefined)).code).toBe('token-missing');
    expect((await rejection('Basic dXNlcjpwYXNz')).code).toBe('token-invalid');
    const old = await issuer.mint({
      role: 'auditor',
      issuedAt: new Date(Date.now() - 7200_000),
      ttlSeconds: 60,
    });
    const e = await rejection(bearer(old));
    expect(e.code).toBe('token-expired');
    expect(e.headers['WWW-Authenticate']).toContain('invalid_token');
  });

  it('rejects another issuer or audience', async () => {
    const other = await createTokenIssuer({ issuer: 'urn:evil', privateJwk: issuer.privateJwk });
    expect((await rejection(bearer(await other.mint({ role: 'auditor' })))).message).toContain('"iss"');
    const aud = await createTokenIssuer({ audience: 'urn:other-api', privateJwk: issuer.privateJwk });
    expect((await rejection(bearer(await aud.mint({ role: 'auditor' })))).message).toContain('"aud"');
  });

  it('rejects alg none, and HS256 signed with the public key as the secret (key confusion)', async () => {
    const claims = { role: 'auditor' };
    const none = new UnsecuredJWT(claims)
      .setIssuer(issuer.issuer)
      .setAudience(issuer.audience)
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();
    expect((await rejection(bearer(none))).code).toBe('token-invalid');
    const secret = base64url.decode(String(issuer.publicKeys.keys[0].x));
    const hs = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: issuer.publicKeys.keys[0].kid })
      .setIssuer(issuer.issuer)
      .setAudience(issuer.audience)
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret);
    expect((await rejection(bearer(hs))).message).toBe('the token must be signed with EdDSA or ES256');
  });

  it('rejects RS256 and a token from a key it does not trust, and a tampered payload', async () => {
    const rsa = await generateKeyPair('RS256');
    const rs = await new SignJWT({ role: 'auditor' })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(issuer.issuer)
      .setAudience(issuer.audience)
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(rsa.privateKey);
    expect((await rejection(bearer(rs))).code).toBe('token-invalid');
    const stranger = await createTokenIssuer();
    expect((await rejection(bearer(await stranger.mint({ role: 'auditor' })))).code).toBe('token-invalid');
    const [h, p, s] = (await issuer.mint({ role: 'border-officer' })).split('.');
    const payload = JSON.parse(new TextDecoder().decode(base64url.decode(p)));
    const promoted = base64url.encode(JSON.stringify({ ...payload, role: 'identification-officer' }));
    expect((await rejection(bearer(`${h}.${promoted}.${s}`))).message).toBe(
      'the token signature does not verify',
    );
  });

  it('rejects a signed token whose role is not one of the six', async () => {
    const jwk = await exportJWK((await generateKeyPair('EdDSA', { extractable: true })).privateKey);
    const own = await createTokenIssuer({ privateJwk: jwk });
    const v = tokenVerifier({ issuer: own.issuer, audience: own.audience, keys: own.publicKeys });
    const t = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'EdDSA', kid: own.publicKeys.keys[0].kid })
      .setIssuer(own.issuer)
      .setAudience(own.audience)
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(await importJWK({ ...jwk, alg: 'EdDSA' }, 'EdDSA'));
    const e = await v(bearer(t)).catch((x: HttpError) => x);
    expect((e as HttpError).code).toBe('token-invalid');
    expect((e as HttpError).message).toContain('"role"');
  });
});
