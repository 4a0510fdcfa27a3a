import type { FingerPosition } from '../fingerprints/finger-position.ts';
import { Gallery } from '../matcher/identification/gallery.ts';
import { Identifier } from '../matcher/identification/identify.ts';
import { comparePrepared, type PreparedTemplate, prepare } from '../matcher/mcc/comparison.ts';
import type { FingerTemplate } from '../matcher/template.ts';
import { REFERENCE_TUNING } from './reference-tuning.ts';

export interface SubjectFingers {
  subjectId: string;
  fingers: Map<FingerPosition, FingerTemplate>;
}

/** A subject the search found: how many probe fingers agreed (same position, score ≥ threshold). */
export interface SubjectHit {
  subjectId: string;
  agreeing: number;
  /** Sum of the agreeing fingers' best scores: orders hits, never leaves this module's callers. */
  strength: number;
}

/**
 * The vault's committed templates in memory, for 1:N (through the matcher's Gallery and
 * Identifier, public API only) and 1:1. Additions go straight into the gallery; a replaced or
 * removed subject makes it stale, and the next search rebuilds it (rare: re-captures, recovery).
 *
 * A background gallery (template-only subjects, for capacity benchmarks against 100k–1M templates
 * without as many vault rows) is searched by 1:N like the vault's subjects but is not one of them:
 * `has`, `templates` and 1:1 never see it, and rebuilds start from it.
 */
export class SubjectGallery {
  /** Keyed by the stored template object: a replaced template's cylinders go with it. */
  private readonly preparedTemplates = new WeakMap<FingerTemplate, PreparedTemplate>();
  private readonly subjects = new Map<string, Map<FingerPosition, FingerTemplate>>();
  private gallery: Gallery = Gallery.create();
  private identifier: Identifier | null = null;
  private stale = true;

  constructor(
    private readonly workers = 0,
    private readonly shardSize = REFERENCE_TUNING.shardSize,
    private readonly background: Gallery | null = null,
  ) {}

  get size(): number {
    return this.gallery.size;
  }

  get subjectCount(): number {
    return this.subjects.size;
  }

  has(subjectId: string): boolean {
    return this.subjects.has(subjectId);
  }

  templates(subjectId: string): Map<FingerPosition, FingerTemplate> | undefined {
    return this.subjects.get(subjectId);
  }

  /** Adds or replaces a subject's fingers. */
  put(s: SubjectFingers): void {
    const replacing = this.subjects.has(s.subjectId);
    this.subjects.set(s.subjectId, new Map(s.fingers));
    if (replacing || this.stale) {
      this.stale = true;
      return;
    }
    for (const [position, template] of s.fingers)
      this.gallery.enrol({ subjectId: s.subjectId, position, template });
  }

  remove(subjectId: string): void {
    if (this.subjects.delete(subjectId)) this.stale = true;
  }

  private async ready(): Promise<Identifier> {
    if (this.stale || !this.identifier) {
      const entries = [...this.subjects].flatMap(([subjectId, fingers]) =>
        [...fingers].map(([position, template]) => ({ subjectId, position, template })),
      );
      await this.identifier?.close();
      this.gallery = this.withBackground(entries);
      this.identifier = await Identifier.open(this.gallery, {
        workers: this.workers,
        search: { shardSize: this.shardSize },
      });
      this.stale = false;
    }
    return this.identifier;
  }

  private withBackground(
    entries: { subjectId: string; position: FingerPosition; template: FingerTemplate }[],
  ) {
    if (!this.background) return Gallery.build(entries);
    const g = Gallery.create(this.background.params);
    g.append(this.background);
    for (const e of entries) g.enrol(e);
    return g;
  }

  /**
   * 1:N: each probe finger searched on its own, candidates kept only at the same finger position
   * and at or above `threshold`; subjects ranked by agreeing fingers, then strength.
   */
  async search(
    probes: readonly { position: FingerPosition; template: FingerTemplate }[],
    threshold: number,
    topK: number,
  ): Promise<SubjectHit[]> {
    const id = await this.ready();
    if (this.gallery.size === 0) return [];
    const best = new Map<string, Map<FingerPosition, number>>();
    for (const p of probes) {
      const found = await id.identify(p.template, { topK, threshold });
      for (const c of found.candidates) {
        if (c.position !== p.position) continue;
        const fingers = best.get(c.subjectId) ?? new Map<FingerPosition, number>();
        fingers.set(p.position, Math.max(fingers.get(p.position) ?? 0, c.score));
        best.set(c.subjectId, fingers);
      }
    }
    return [...best]
      .map(([subjectId, fingers]) => ({
        subjectId,
        agreeing: fingers.size,
        strength: [...fingers.values()].reduce((a, b) => a + b, 0),
      }))
      .sort(
        (a, b) => b.agreeing - a.agreeing || b.strength - a.strength || (a.subjectId < b.subjectId ? -1 : 1),
      );
  }

  /** 1:1: how many probe fingers match the subject's finger at the same position. */
  agreeingFingers(
    subjectId: string,
    probes: readonly { position: FingerPosition; template: FingerTemplate }[],
    threshold: number,
  ): { compared: number; agreeing: number; bestScore: number } {
    const stored = this.subjects.get(subjectId);
    let compared = 0;
    let agreeing = 0;
    let bestScore = 0;
    for (const p of probes) {
      const t = stored?.get(p.position);
      if (!t) continue;
      compared++;
      const score = comparePrepared(prepare(p.template), this.prepared(t));
      bestScore = Math.max(bestScore, score);
      if (score >= threshold) agreeing++;
    }
    return { compared, agreeing, bestScore };
  }

  /** An enrolled template's cylinders, built on its first 1:1 comparison and kept while it is enrolled. */
  private prepared(t: FingerTemplate): PreparedTemplate {
    let p = this.preparedTemplates.get(t);
    if (!p) {
      p = prepare(t);
      this.preparedTemplates.set(t, p);
    }
    return p;
  }

  async close(): Promise<void> {
    await this.identifier?.close();
    this.identifier = null;
  }
}
