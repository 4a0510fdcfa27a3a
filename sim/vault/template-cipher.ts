import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyProvider } from './key-provider.ts';

/** A template encrypted at rest: AES-256-GCM with a fresh 96-bit nonce, tag appended. */
export interface SealedTemplate {
  keyId: string;
  nonce: Buffer;
  /** Ciphertext followed by the 16-byte GCM tag. */
  sealed: Buffer;
}

/**
 * Binds the ciphertext to its row: a template copied to another subject's row fails to decrypt,
 * so swapping references inside the vault is detected, not silently accepted.
 */
function associatedData(subjectId: string, position: number): Buffer {
  return Buffer.from(`dactylo-vault-v1\u0000${subjectId}\u0000${position}`, 'utf8');
}

export function sealTemplate(
  keys: KeyProvider,
  subjectId: string,
  position: number,
  template: Uint8Array,
): SealedTemplate {
  const { id, key } = keys.current();
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(associatedData(subjectId, position));
  const body = Buffer.concat([cipher.update(template), cipher.final(), cipher.getAuthTag()]);
  return { keyId: id, nonce, sealed: body };
}

export function openTemplate(
  keys: KeyProvider,
  subjectId: string,
  position: number,
  s: SealedTemplate,
): Buffer {
  const { key } = keys.byId(s.keyId);
  if (s.sealed.length < 16) throw new Error('sealed template is shorter than its authentication tag');
  const decipher = createDecipheriv('aes-256-gcm', key, s.nonce);
  decipher.setAAD(associatedData(subjectId, position));
  decipher.setAuthTag(s.sealed.subarray(s.sealed.length - 16));
  try {
    return Buffer.concat([decipher.update(s.sealed.subarray(0, s.sealed.length - 16)), decipher.final()]);
  } catch {
    throw new Error('sealed template failed authentication: wrong key, wrong row, or tampered data');
  }
}

/** Re-encrypts under the current key (after rotation); a no-op for records already under it. */
export function resealTemplate(
  keys: KeyProvider,
  subjectId: string,
  position: number,
  s: SealedTemplate,
): SealedTemplate {
  if (s.keyId === keys.current().id) return s;
  return sealTemplate(keys, subjectId, position, openTemplate(keys, subjectId, position, s));
}
