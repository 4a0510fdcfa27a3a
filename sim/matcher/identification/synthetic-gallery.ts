import type { FingerPosition } from '../../fingerprints/finger-position.ts';
import { templateOnlyImpression, templateOnlyMaster } from '../../fingerprints/template-only.ts';
import { stream } from '../../random/index.ts';
import { genuineMate, syntheticFinger } from '../mcc/synthetic-minutiae.ts';
import type { FingerTemplate } from '../template.ts';
import type { GalleryEntry } from './gallery.ts';

/**
 * Galleries of synthetic minutiae sets (no images) and their mated probes, for tests and benchmarks:
 * entry i is finger i of subject "subject-i"; its probe is a second impression of it, moved, turned,
 * distorted, cropped, with minutiae lost and spurious ones added, as a real one differs.
 */
export function syntheticEntry(seed: string, i: number): GalleryEntry {
  const template = syntheticFinger(stream(seed, 'gallery', i), { count: 30 + (i % 25) });
  return { subjectId: `subject-${i}`, position: ((i % 10) + 1) as GalleryEntry['position'], template };
}

export function syntheticEntries(seed: string, from: number, to: number): GalleryEntry[] {
  return Array.from({ length: to - from }, (_, k) => syntheticEntry(seed, from + k));
}

export function syntheticProbe(seed: string, i: number, mated: FingerTemplate): FingerTemplate {
  const rng = stream(seed, 'probe', i);
  return genuineMate(rng, mated, {
    rotation: rng.uniform(-0.35, 0.35),
    shiftX: rng.uniform(-25, 25),
    shiftY: rng.uniform(-25, 25),
    distortion: 6,
    drop: 0.2,
    add: 0.15,
    positionNoise: 2.5,
    angleNoise: 0.12,
    crop: true,
  });
}

/**
 * The same from the fingerprint synthesis' template-only fast path (sim/fingerprints/template-only.ts):
 * entry i is impression 0 of subject i's finger (i mod 10) + 1, its probe impression 1 of that finger.
 */
export function templateOnlyEntry(seed: string, i: number): GalleryEntry {
  const position = ((i % 10) + 1) as FingerPosition;
  const template = templateOnlyImpression(templateOnlyMaster(seed, i, position), 0);
  return { subjectId: `subject-${i}`, position, template };
}

export function templateOnlyProbe(seed: string, i: number): FingerTemplate {
  return templateOnlyImpression(templateOnlyMaster(seed, i, ((i % 10) + 1) as FingerPosition), 1);
}
