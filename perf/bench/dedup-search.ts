/**
 * The 1:N part of an enrolment, measured in process: the reference's SubjectGallery (the structure
 * `dactylo serve` searches) over a background of template-only templates, and applicants searched
 * with their six best fingers as enrolment-flow.ts does. Each applicant is a subject already enrolled
 * (ten fingers, impression 0) and probes with impression 1, so a search must also find them.
 *
 * Background galleries are built on worker threads (perf/bench/identification-worker.ts) and kept in
 * `cacheDir` when given (1M templates: ~1.8 GB, minutes to build).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FingerPosition } from '../../sim/fingerprints/finger-position.ts';
import { templateOnlyImpression, templateOnlyMaster } from '../../sim/fingerprints/template-only.ts';
import { Gallery } from '../../sim/matcher/identification/gallery.ts';
import { loadGallery, saveGallery } from '../../sim/matcher/identification/gallery-file.ts';
import { thresholdAtFmr } from '../../sim/matcher/thresholds.ts';
import { REFERENCE_TUNING } from '../../sim/reference/reference-tuning.ts';
import { SubjectGallery } from '../../sim/reference/subject-gallery.ts';
import { growGallery } from './gallery-build.ts';

const BACKGROUND_SEED = 'bench-dedup-background';
const APPLICANT_SEED = 'bench-dedup-applicants';

export interface DedupFigures {
  size: number;
  probes: number;
  meanMs: number;
  p99Ms: number;
  /** Applicants whose own enrolled subject came first with ≥ 2 agreeing fingers. */
  found: number;
  buildS: number;
}

function buildBackground(size: number, workers: number): Promise<Gallery> {
  return growGallery(Gallery.create(), { size, workers, source: 'template-only', seed: BACKGROUND_SEED });
}

/** Where the background gallery of `size` templates is kept in `cacheDir`. */
export function backgroundGalleryPath(cacheDir: string, size: number): string {
  return join(cacheDir, `${BACKGROUND_SEED}-${size}.gallery`);
}

async function background(size: number, workers: number, cacheDir?: string): Promise<Gallery> {
  const file = cacheDir ? backgroundGalleryPath(cacheDir, size) : null;
  if (file && existsSync(file)) return loadGallery(file);
  const g = await buildBackground(size, workers);
  if (file && cacheDir) {
    mkdirSync(cacheDir, { recursive: true });
    saveGallery(g, file);
  }
  return g;
}

/** The background gallery's file in `cacheDir`, built first when it is not there. */
export async function backgroundGalleryFile(
  size: number,
  workers: number,
  cacheDir: string,
): Promise<string> {
  const file = backgroundGalleryPath(cacheDir, size);
  if (!existsSync(file)) await background(size, workers, cacheDir);
  return file;
}

const FINGERS: FingerPosition[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function applicant(k: number, impression: number) {
  return FINGERS.map((position) => ({
    position,
    template: {
      ...templateOnlyImpression(templateOnlyMaster(APPLICANT_SEED, k, position), impression),
      position,
    },
  }));
}

export async function dedupSearchFigures(o: {
  sizes: number[];
  probes: number;
  workers: number;
  cacheDir?: string;
}): Promise<DedupFigures[]> {
  const threshold = thresholdAtFmr(REFERENCE_TUNING.dedupFmr);
  const figures: DedupFigures[] = [];
  for (const size of o.sizes) {
    const t0 = performance.now();
    const bg = await background(size, o.workers, o.cacheDir);
    const gallery = new SubjectGallery(o.workers, REFERENCE_TUNING.shardSize, bg);
    for (let k = 0; k < o.probes; k++)
      gallery.put({
        subjectId: `applicant-${k}`,
        fingers: new Map(applicant(k, 0).map((f) => [f.position, f.template])),
      });
    // The first search indexes the gallery; it is not timed.
    await gallery.search(applicant(0, 1).slice(0, 1), threshold, REFERENCE_TUNING.candidatesPerFinger);
    const buildS = (performance.now() - t0) / 1000;
    const times: number[] = [];
    let found = 0;
    for (let k = 0; k < o.probes; k++) {
      const probes = applicant(k, 1)
        .sort((x, y) => y.template.quality - x.template.quality)
        .slice(0, REFERENCE_TUNING.dedupProbeFingers);
      const s = performance.now();
      const hits = await gallery.search(probes, threshold, REFERENCE_TUNING.candidatesPerFinger);
      times.push(performance.now() - s);
      if (hits[0]?.subjectId === `applicant-${k}` && hits[0].agreeing >= 2) found++;
    }
    await gallery.close();
    times.sort((a, b) => a - b);
    figures.push({
      size,
      probes: o.probes,
      meanMs: times.reduce((a, b) => a + b, 0) / times.length,
      p99Ms: times[Math.min(times.length - 1, Math.ceil(0.99 * times.length) - 1)],
      found,
      buildS,
    });
  }
  return figures;
}
