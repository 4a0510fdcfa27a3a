import type { FingerPosition } from '../fingerprints/finger-position.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { captureWeek } from './capture-week.ts';
import type { KeyProvider } from './key-provider.ts';
import { openTemplate, sealTemplate } from './template-cipher.ts';

/** One finger to store: ISO/IEC 19794-2 bytes in clear (sealed before they leave this module). */
export interface VaultFinger {
  position: FingerPosition;
  iso: Uint8Array;
  quality: number;
}

export interface VaultCapture {
  subjectId: string;
  generation: number;
  fingers: VaultFinger[];
  /** Sensor profile name (e.g. optical-fvc2002), never the device's serial or the office. */
  sensorProfile: string | null;
  capturedAt: Date;
}

export interface StoredFinger {
  subjectId: string;
  generation: number;
  position: FingerPosition;
  quality: number;
  iso: Buffer;
}

/**
 * The vault's storage: every statement through the vault's own client (role dactylo_vault), and
 * nothing but subject ids, positions, sealed templates, quality, sensor profile and capture week.
 */
export class VaultStore {
  constructor(
    private readonly db: SqlClient,
    private readonly keys: KeyProvider,
  ) {}

  /** Writes one capture generation in one transaction: all fingers or none. */
  async write(c: VaultCapture): Promise<void> {
    const week = captureWeek(c.capturedAt);
    await this.db.transaction(async (tx) => {
      for (const f of c.fingers) {
        const s = sealTemplate(this.keys, c.subjectId, f.position, f.iso);
        await tx.query(
          `INSERT INTO vault.templates (subject_id, position, generation, key_id, nonce, sealed, quality, sensor_profile, captured_week)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            c.subjectId,
            f.position,
            c.generation,
            s.keyId,
            s.nonce,
            s.sealed,
            Math.round(f.quality),
            c.sensorProfile,
            week,
          ],
        );
      }
    });
  }

  /** Every stored finger, decrypted (for the in-memory 1:N gallery). */
  async readAll(): Promise<StoredFinger[]> {
    const rows = await this.db.query<{
      subject_id: string;
      position: number;
      generation: number;
      key_id: string;
      nonce: Uint8Array;
      sealed: Uint8Array;
      quality: number;
    }>('SELECT subject_id, position, generation, key_id, nonce, sealed, quality FROM vault.templates');
    return rows.map((r) => {
      const position = r.position as FingerPosition;
      const iso = openTemplate(this.keys, r.subject_id, position, {
        keyId: r.key_id,
        nonce: Buffer.from(r.nonce),
        sealed: Buffer.from(r.sealed),
      });
      return { subjectId: r.subject_id, generation: r.generation, position, quality: r.quality, iso };
    });
  }

  async readGeneration(subjectId: string, generation: number): Promise<StoredFinger[]> {
    const all = await this.db.query<{
      position: number;
      key_id: string;
      nonce: Uint8Array;
      sealed: Uint8Array;
      quality: number;
    }>(
      'SELECT position, key_id, nonce, sealed, quality FROM vault.templates WHERE subject_id = $1 AND generation = $2',
      [subjectId, generation],
    );
    return all.map((r) => ({
      subjectId,
      generation,
      position: r.position as FingerPosition,
      quality: r.quality,
      iso: openTemplate(this.keys, subjectId, r.position, {
        keyId: r.key_id,
        nonce: Buffer.from(r.nonce),
        sealed: Buffer.from(r.sealed),
      }),
    }));
  }

  async deleteGeneration(subjectId: string, generation: number): Promise<number> {
    const rows = await this.db.query(
      'DELETE FROM vault.templates WHERE subject_id = $1 AND generation = $2 RETURNING position',
      [subjectId, generation],
    );
    return rows.length;
  }

  /** Drops every generation of a subject but `keep` (old captures after a re-capture committed). */
  async deleteOtherGenerations(subjectId: string, keep: number): Promise<number> {
    const rows = await this.db.query(
      'DELETE FROM vault.templates WHERE subject_id = $1 AND generation <> $2 RETURNING position',
      [subjectId, keep],
    );
    return rows.length;
  }

  async deleteSubject(subjectId: string): Promise<number> {
    const rows = await this.db.query('DELETE FROM vault.templates WHERE subject_id = $1 RETURNING position', [
      subjectId,
    ]);
    return rows.length;
  }

  async subjectIds(): Promise<string[]> {
    const rows = await this.db.query<{ subject_id: string }>(
      'SELECT DISTINCT subject_id FROM vault.templates',
    );
    return rows.map((r) => r.subject_id);
  }
}
