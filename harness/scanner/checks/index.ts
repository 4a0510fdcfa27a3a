import type { ConformanceCheck } from '../check.ts';
import { captureLatency, failureToAcquire } from './acquisition.ts';
import { captureArea } from './capture-area.ts';
import { fingerQualityCheck } from './finger-quality.ts';
import { fingerprintArtefacts } from './fingerprint-artefacts.ts';
import { fingerprintGrayRange } from './fingerprint-gray-range.ts';
import { geometricAccuracyAcross } from './geometric-accuracy-across.ts';
import { geometricAccuracyAlong } from './geometric-accuracy-along.ts';
import { imageFormatIso, imageFormatPng } from './image-format.ts';
import { linearity } from './linearity.ts';
import { apcerCheck, bpcerCheck } from './presentation-attack-detection.ts';
import { resolution } from './resolution.ts';
import { signalToNoise } from './signal-to-noise.ts';
import { spatialFrequencyResponse } from './spatial-frequency-response.ts';
import { uniformityAdjacent, uniformityPixel, uniformitySmallArea } from './uniformity.ts';

/** The catalogue, in report order: target-based image quality, live captures, then PAD. */
export const IMAGE_QUALITY_CHECKS: readonly ConformanceCheck[] = [
  resolution,
  geometricAccuracyAcross,
  geometricAccuracyAlong,
  spatialFrequencyResponse,
  signalToNoise,
  uniformityAdjacent,
  uniformityPixel,
  uniformitySmallArea,
  linearity,
  captureArea,
  imageFormatPng,
  imageFormatIso,
  fingerprintGrayRange,
  fingerprintArtefacts,
  fingerQualityCheck,
  failureToAcquire,
  captureLatency,
];

/** PAD checks: one APCER per species the device (or policy) names, then BPCER. */
export function padChecks(species: readonly string[]): ConformanceCheck[] {
  return [...species.map(apcerCheck), bpcerCheck];
}
