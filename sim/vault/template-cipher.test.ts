import { describe, expect, it } from 'vitest';
import { MemoryKeyProvider } from './key-provider.ts';
import { isSubjectId, newSubjectId } from './subject-id.ts';
import { openTemplate, resealTemplate, sealTemplate } from './template-cipher.ts';

const template = new Uint8Array([0x46, 0x4d, 0x52, 0x00, 1, 2, 3, 4, 5]);

describe('template encryption at rest', () => {
  it('round-trips and never stores the plaintext', () => {
    const keys = new MemoryKeyProvider();
    const id = newSubjectId();
    const s = sealTemplate(keys, id, 2, template);
    expect(s.sealed.includes(Buffer.from(template))).toBe(false);
    expect([...openTemplate(keys, id, 2, s)]).toEqual([...template]);
  });

  it('uses a fresh nonce per seal, so equal templates do not look equal', () => {
    const keys = new MemoryKeyProvider();
    const id = newSubjectId();
    expect(
      sealTemplate(keys, id, 1, template).sealed.equals(sealTemplate(keys, id, 1, template).sealed),
    ).toBe(false);
  });

  it('detects a template moved to another subject or finger, and tampering', () => {
    const keys = new MemoryKeyProvider();
    const a = newSubjectId();
    const s = sealTemplate(keys, a, 1, template);
    expect(() => openTemplate(keys, newSubjectId(), 1, s)).toThrow(/authentication/);
    expect(() => openTemplate(keys, a, 2, s)).toThrow(/authentication/);
    const flipped = { ...s, sealed: Buffer.from(s.sealed) };
    flipped.sealed[0] ^= 1;
    expect(() => openTemplate(keys, a, 1, flipped)).toThrow(/authentication/);
  });

  it('rotates keys: old records stay readable, reseal moves them to the new key, retiring shreds', () => {
    const keys = new MemoryKeyProvider();
    const id = newSubjectId();
    const old = sealTemplate(keys, id, 3, template);
    const newKey = keys.rotate();
    expect([...openTemplate(keys, id, 3, old)]).toEqual([...template]);
    const moved = resealTemplate(keys, id, 3, old);
    expect(moved.keyId).toBe(newKey.id);
    keys.retire(old.keyId);
    expect(() => openTemplate(keys, id, 3, old)).toThrow(/not held/);
    expect([...openTemplate(keys, id, 3, moved)]).toEqual([...template]);
  });
});

describe('subject identifiers', () => {
  it('are random UUIDv4s, unique over many draws', () => {
    const ids = new Set(Array.from({ length: 10_000 }, newSubjectId));
    expect(ids.size).toBe(10_000);
    for (const id of [...ids].slice(0, 100)) expect(isSubjectId(id)).toBe(true);
  });
});
