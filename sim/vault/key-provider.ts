import { randomBytes } from 'node:crypto';

/** A data-encryption key with the identifier stored beside each ciphertext (never the key). */
export interface DataKey {
  id: string;
  key: Buffer;
}

/**
 * Where the vault's AES-256 keys come from. Keys live outside the vault's database (a KMS or HSM
 * in production); rotation adds a new current key and keeps old ones for decryption until every
 * record has been re-encrypted.
 */
export interface KeyProvider {
  current(): DataKey;
  byId(id: string): DataKey;
  rotate(): DataKey;
  /** Identifiers of every key still held, current last. */
  ids(): string[];
}

/** An in-process key provider: keys in memory only, lost with the process, for tests and the demo. */
export class MemoryKeyProvider implements KeyProvider {
  private readonly keys = new Map<string, Buffer>();
  private currentId = '';

  constructor(initial?: DataKey[]) {
    for (const k of initial ?? []) this.add(k);
    if (this.keys.size === 0) this.rotate();
  }

  private add(k: DataKey): void {
    if (k.key.length !== 32)
      throw new RangeError(`key ${k.id} must be 32 bytes for AES-256, got ${k.key.length}`);
    this.keys.set(k.id, k.key);
    this.currentId = k.id;
  }

  current(): DataKey {
    return this.byId(this.currentId);
  }

  byId(id: string): DataKey {
    const key = this.keys.get(id);
    if (!key) throw new Error(`encryption key ${id} is not held by the key provider`);
    return { id, key };
  }

  rotate(): DataKey {
    const k = { id: `k${this.keys.size + 1}-${randomBytes(4).toString('hex')}`, key: randomBytes(32) };
    this.add(k);
    return k;
  }

  /** Forgets a retired key; records still under it can no longer be read (crypto-shredding). */
  retire(id: string): void {
    if (id === this.currentId) throw new Error('the current key cannot be retired; rotate first');
    this.keys.delete(id);
  }

  ids(): string[] {
    return [...this.keys.keys()];
  }
}
