import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** Ed25519 keys for signing certification reports: PEM (PKCS#8 / SPKI) or JWK, as files. */
export class SigningKeyError extends Error {
  override name = 'SigningKeyError';
}

export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}

export function generateSigningKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

export function publicJwk(key: KeyObject): PublicJwk {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const jwk = pub.export({ format: 'jwk' }) as JsonWebKey;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string')
    throw new SigningKeyError(`expected an Ed25519 key, got ${jwk.kty}${jwk.crv ? ` ${jwk.crv}` : ''}`);
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
}

/** RFC 7638 thumbprint: SHA-256 of the required members in lexicographic order, base64url. */
export function keyId(jwk: PublicJwk): string {
  const canonical = `{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}"}`;
  return createHash('sha256').update(canonical).digest('base64url');
}

function requireEd25519(key: KeyObject, path: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519')
    throw new SigningKeyError(
      `${path}: expected an Ed25519 key, got ${key.asymmetricKeyType ?? 'a secret key'}`,
    );
  return key;
}

function parseJwk(text: string, path: string): JsonWebKey | null {
  const t = text.trim();
  if (!t.startsWith('{')) return null;
  try {
    return JSON.parse(t) as JsonWebKey;
  } catch {
    throw new SigningKeyError(`${path}: looks like JSON but does not parse`);
  }
}

async function readKeyText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new SigningKeyError(
      `${path}: cannot read key (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
}

/** A private signing key from a PKCS#8 PEM or a private JWK file. */
export async function loadPrivateKey(path: string): Promise<KeyObject> {
  const text = await readKeyText(path);
  const jwk = parseJwk(text, path);
  try {
    if (jwk && !jwk.d)
      throw new SigningKeyError(`${path}: this JWK is a public key; signing needs the private key`);
    const key = jwk ? createPrivateKey({ key: jwk, format: 'jwk' }) : createPrivateKey(text);
    return requireEd25519(key, path);
  } catch (e) {
    if (e instanceof SigningKeyError) throw e;
    throw new SigningKeyError(`${path}: not a private key in PEM (PKCS#8) or JWK form`);
  }
}

/** A public key from an SPKI PEM, a public JWK, or a private key file (its public half). */
export async function loadPublicKey(path: string): Promise<KeyObject> {
  const text = await readKeyText(path);
  const jwk = parseJwk(text, path);
  try {
    const key = jwk ? createPublicKey({ key: jwk, format: 'jwk' }) : createPublicKey(text);
    return requireEd25519(key, path);
  } catch (e) {
    if (e instanceof SigningKeyError) throw e;
    throw new SigningKeyError(`${path}: not a public key in PEM (SPKI) or JWK form`);
  }
}
