import type { FingerPosition } from '../../../sim/fingerprints/finger-position.ts';
import { renderImpression } from '../../../sim/fingerprints/impression/impression.ts';
import { generateMaster } from '../../../sim/fingerprints/master/master.ts';
import { DEFAULT_SENSOR, sensorProfile } from '../../../sim/fingerprints/sensor-profile.ts';
import { templateOnlyImpression, templateOnlyMaster } from '../../../sim/fingerprints/template-only.ts';
import type { GrayImage } from '../../../sim/image/gray-image.ts';
import { extract } from '../../../sim/matcher/extract.ts';
import { decodeIsoTemplate, encodeIsoTemplate } from '../../../sim/matcher/iso19794-2.ts';
import { compare } from '../../../sim/matcher/mcc/comparison.ts';
import type { FingerTemplate } from '../../../sim/matcher/template.ts';
import { thresholdAtFmr } from '../../../sim/matcher/thresholds.ts';
import { reconstructFingerprint } from './template-reconstruction.ts';

/** One stored template, its reconstruction, and how dactylo's own matcher sees the pair. */
export interface FidelityTrial {
  subject: number;
  position: FingerPosition;
  storedMinutiae: number;
  extractedMinutiae: number;
  /** MCC score of the reconstruction's extracted template against the stored one (type-I attack). */
  score: number;
  /** Against another impression of the same finger (type-II attack); rendered sources only. */
  otherImpressionScore: number | null;
  image: GrayImage;
  stored: FingerTemplate;
}

export interface FidelitySummary {
  trials: FidelityTrial[];
  /** Verification threshold at FMR 0.1 % (sim/matcher/thresholds.ts). */
  threshold: number;
  /** Share of reconstructions scoring at or above it: an offline type-I attack (Feng & Jain 2011). */
  acceptedShare: number;
  medianScore: number;
  /** Share accepted against another impression of the same finger (rendered sources), else null. */
  otherImpressionAcceptedShare: number | null;
}

/**
 * Where stored templates come from: dactylo's template-only synthesis (what the certification's
 * victims enrol with), or minutiae extracted from a fully rendered impression (a template as a
 * live capture would give it, with the extractor's misses and spurious minutiae).
 */
export type FidelitySource = 'template-only' | 'rendered';

/** A template as a vault would hold it (ISO-quantised), from impression `impression` of a finger. */
export function storedTemplate(
  seed: string,
  subject: number,
  position: FingerPosition,
  source: FidelitySource = 'template-only',
  impression = 0,
): FingerTemplate {
  const t =
    source === 'template-only'
      ? templateOnlyImpression(templateOnlyMaster(seed, subject, position), impression)
      : extract(
          renderImpression(
            generateMaster(seed, subject, position),
            impression + 1,
            sensorProfile(DEFAULT_SENSOR),
          ).image,
        );
  return decodeIsoTemplate(encodeIsoTemplate({ ...t, position }));
}

/**
 * Reconstructs `count` stored templates (subjects 0…, fingers cycling 1–10), extracts each image
 * with dactylo's extractor and compares it with its original by MCC: the offline sanity check that
 * the reconstruction carries the minutiae a matcher relies on.
 */
export function measureFidelity(
  seed: string,
  count: number,
  source: FidelitySource = 'template-only',
): FidelitySummary {
  const threshold = thresholdAtFmr(0.001);
  const trials: FidelityTrial[] = [];
  for (let k = 0; k < count; k++) {
    const subject = Math.floor(k / 10);
    const position = ((k % 10) + 1) as FingerPosition;
    const stored = storedTemplate(seed, subject, position, source);
    const image = reconstructFingerprint(stored);
    const extracted = extract(image);
    const other = source === 'rendered' ? storedTemplate(seed, subject, position, source, 1) : null;
    trials.push({
      subject,
      position,
      storedMinutiae: stored.minutiae.length,
      extractedMinutiae: extracted.minutiae.length,
      score: compare(extracted, stored),
      otherImpressionScore: other ? compare(extracted, other) : null,
      image,
      stored,
    });
  }
  const scores = trials.map((t) => t.score).sort((a, b) => a - b);
  return {
    trials,
    threshold,
    acceptedShare: trials.filter((t) => t.score >= threshold).length / Math.max(1, trials.length),
    medianScore: scores[Math.floor(scores.length / 2)] ?? Number.NaN,
    otherImpressionAcceptedShare:
      source === 'rendered'
        ? trials.filter((t) => (t.otherImpressionScore ?? 0) >= threshold).length / Math.max(1, trials.length)
        : null,
  };
}
