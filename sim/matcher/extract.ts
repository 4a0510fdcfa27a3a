import type { GrayImage } from '../image/gray-image.ts';
import { resampleToPpi } from '../image/resample.ts';
import { binarize } from './extraction/binarization.ts';
import { enhance } from './extraction/enhancement.ts';
import { EXTRACTION } from './extraction/extraction-parameters.ts';
import { cleanSkeleton, filterMinutiae } from './extraction/false-minutiae-removal.ts';
import { distanceToEdge } from './extraction/grid-filters.ts';
import { isoAngle, pixelDirection } from './extraction/minutia-direction.ts';
import { fingerQuality, minutiaQuality } from './extraction/minutia-quality.ts';
import { detectMinutiae } from './extraction/minutiae-detection.ts';
import { normalize } from './extraction/normalization.ts';
import { orientationField } from './extraction/orientation-field.ts';
import { ridgePeriod } from './extraction/ridge-frequency.ts';
import { segment } from './extraction/segmentation.ts';
import { singularPoints } from './extraction/singular-points.ts';
import { thin } from './extraction/thinning.ts';
import type { FingerTemplate, Minutia } from './template.ts';

export interface ExtractOptions {
  /** Called after every stage with its name and result, for `dactylo extract --trace`. */
  trace?: (stage: string, value: unknown) => void;
}

/**
 * Minutiae extraction, image → template. Coordinates are in pixels of the image resampled to
 * 500 ppi (the template's width, height and ppi say so). Stages: see sim/matcher/extraction/.
 */
export function extract(image: GrayImage, options: ExtractOptions = {}): FingerTemplate {
  const trace = options.trace ?? (() => {});
  const img = resampleToPpi(image);
  trace('resampled', img);
  const mask = segment(img);
  trace('segmentation', mask);
  const normalized = normalize(img);
  trace('normalization', normalized);
  const field = orientationField(normalized, mask.region);
  trace('orientation-field', field);
  const periods = ridgePeriod(normalized, field, mask);
  trace('ridge-period', periods);
  const enhanced = enhance(normalized, field, periods, mask);
  trace('enhancement', enhanced);
  const binary = binarize(enhanced, mask);
  trace('binarization', binary);
  const skeleton = thin(binary);
  trace('thinning', skeleton);
  const cleaned = cleanSkeleton(skeleton, field, periods);
  trace('skeleton-cleaning', cleaned);
  const detected = detectMinutiae(cleaned);
  trace('minutiae-detection', detected);
  const directed = detected.map((m) => ({ ...m, direction: pixelDirection(cleaned, m, field) }));
  trace('minutia-direction', directed);
  const edge = distanceToEdge(mask.data, mask.width, mask.height);
  const kept = filterMinutiae(directed, edge, field, periods);
  trace('false-minutiae-removal', kept);
  const minutiae: Minutia[] = kept.map((m) => ({
    x: m.x,
    y: m.y,
    type: m.type,
    angle: isoAngle(m.direction!),
    quality: minutiaQuality(m.x, m.y, field, mask, edge),
  }));
  trace('minutiae', minutiae);
  const singular = singularPoints(field, edge);
  trace('singular-points', singular);
  const best = [...minutiae].sort((a, b) => b.quality - a.quality).slice(0, EXTRACTION.minutiae.maxCount);
  return {
    width: img.width,
    height: img.height,
    ppi: img.ppi,
    quality: fingerQuality(field, mask),
    minutiae: best.sort((a, b) => a.y - b.y || a.x - b.x),
    singularPoints: singular,
  };
}
