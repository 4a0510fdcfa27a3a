import type { FingerPosition } from '../fingerprints/finger-position.ts';
import type { PlantedFlaw } from '../reference/planted-flaws.ts';
import type { SqlClient, SqlValue } from '../storage/sql-client.ts';
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
  /** PLANTED FLAW pii-in-vault: who the prints belong to, "for support staff". */
  support?: { surname: string; birthDate: string };
}

/** PLANTED FLAW refusal-in-vault: a refusal, with the applicant's subject id when they have one. */
export interface VaultRefusal {
  refusalId: string;
  subjectId: string | null;
  date: string;
  office: string;
}

type SealedRow = {
  subject_id: string;
  position: number;
  key_id: string | null;
  nonce: Uint8Array | null;
  sealed: Uint8Array;
};

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
    /** Deliberate mistakes to commit (harness/flaws/catalogue.yaml); the clean vault has none. */
    private readonly flaws: ReadonlySet<PlantedFlaw> = new Set(),
  ) {}

  /** Writes one capture generation in one transaction: all fingers or none. */
  async write(c: VaultCapture): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const f of c.fingers) {
        const row = this.row(c, f);
        const columns = Object.keys(row);
        await tx.query(
          `INSERT INTO vault.templates (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
          Object.values(row),
        );
      }
    });
  }

  private row(c: VaultCapture, f: VaultFinger): Record<string, SqlValue> {
    // PLANTED FLAW templates-unencrypted: the ISO record goes in as it came, "until the HSM arrives".
    const s = this.flaws.has('templates-unencrypted')
      ? { keyId: null, nonce: null, sealed: Buffer.from(f.iso) }
      : sealTemplate(this.keys, c.subjectId, f.position, f.iso);
    return {
      subject_id: c.subjectId,
      position: f.position,
      generation: c.generation,
      key_id: s.keyId,
      nonce: s.nonce,
      sealed: s.sealed,
      quality: Math.round(f.quality),
      sensor_profile: c.sensorProfile,
      captured_week: captureWeek(c.capturedAt),
      // PLANTED FLAW exact-timestamps: the instant as well as the week, "for the capture statistics".
      ...(this.flaws.has('exact-timestamps') ? { captured_at: c.capturedAt } : {}),
      ...(c.support ? { surname: c.support.surname, birth_date: c.support.birthDate } : {}),
    };
  }

  private open(r: SealedRow): Buffer {
    const position = r.position as FingerPosition;
    if (r.key_id === null || r.nonce === null) return Buffer.from(r.sealed);
    return openTemplate(this.keys, r.subject_id, position, {
      keyId: r.key_id,
      nonce: Buffer.from(r.nonce),
      sealed: Buffer.from(r.sealed),
    });
  }

  /** Every stored finger, decrypted (for the in-memory 1:N gallery). */
  async readAll(): Promise<StoredFinger[]> {
    const rows = await this.db.query<SealedRow & { generation: number; quality: number }>(
      'SELECT subject_id, position, generation, key_id, nonce, sealed, quality FROM vault.templates',
    );
    return rows.map((r) => ({
      subjectId: r.subject_id,
      generation: r.generation,
      position: r.position as FingerPosition,
      quality: r.quality,
      iso: this.open(r),
    }));
  }

  async readGeneration(subjectId: string, generation: number): Promise<StoredFinger[]> {
    const all = await this.db.query<SealedRow & { quality: number }>(
      'SELECT subject_id, position, key_id, nonce, sealed, quality FROM vault.templates WHERE subject_id = $1 AND generation = $2',
      [subjectId, generation],
    );
    return all.map((r) => ({
      subjectId,
      generation,
      position: r.position as FingerPosition,
      quality: r.quality,
      iso: this.open(r),
    }));
  }

  /** PLANTED FLAW sequential-subject-id: the next number of the vault's subject sequence. */
  async nextSubjectNumber(): Promise<number> {
    const [r] = await this.db.query<{ n: string | number }>("SELECT nextval('vault.subject_number') AS n");
    return Number(r.n);
  }

  /** PLANTED FLAW refusal-in-vault: a refusal kept beside the prints. */
  async recordRefusal(r: VaultRefusal): Promise<void> {
    await this.db.query(
      'INSERT INTO vault.refusals (refusal_id, subject_id, refused_on, office) VALUES ($1, $2, $3, $4)',
      [r.refusalId, r.subjectId, r.date, r.office],
    );
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
