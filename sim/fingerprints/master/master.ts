import { type StreamKey, stream } from '../../random/stream.ts';
import type { FingerPosition } from '../finger-position.ts';
import type { MasterFingerprint, PatternClass } from '../master-fingerprint.ts';
import { fingerprintArea } from './fingerprint-area.ts';
import { masterMinutiae } from './master-minutiae.ts';
import { orientationField, orientationModel } from './orientation-field.ts';
import { drawPatternClass } from './pattern-class.ts';
import { ridgePattern } from './ridge-pattern.ts';
import { periodModel, ridgePeriodMap } from './ridge-period.ts';
import { placeSingularPoints } from './singular-points.ts';

export interface MasterOptions {
  /** Forces the pattern class instead of drawing it (contact sheets, tests). */
  readonly patternClass?: PatternClass;
}

/** Transparency hook: called after each stage with its name and result. */
export type MasterTrace = (stage: string, value: unknown) => void;

/** The random stream of one stage of one master: addressable, so any master can be made alone. */
export function masterStream(seed: string, subject: number, position: FingerPosition, stage: StreamKey) {
  return stream(seed, 'master', subject, position, stage);
}

/** NaN outside the silhouette, as MasterFingerprint documents its maps. */
function outsideNaN(map: Float32Array, mask: Uint8Array): Float32Array {
  const out = Float32Array.from(map);
  for (let i = 0; i < out.length; i++) if (!mask[i]) out[i] = Number.NaN;
  return out;
}

/**
 * Synthesizes the master fingerprint of one finger of one subject, SFinGe-style: area, class,
 * singular points, orientation, period, ridges, minutiae.
 */
export function generateMaster(
  seed: string,
  subject: number,
  position: FingerPosition,
  options: MasterOptions = {},
  trace?: MasterTrace,
): MasterFingerprint {
  const random = (stage: string) => masterStream(seed, subject, position, stage);
  const area = fingerprintArea(position, random('area'));
  trace?.('area', area);
  const patternClass = options.patternClass ?? drawPatternClass(position, random('class'));
  trace?.('class', patternClass);
  const layout = placeSingularPoints(patternClass, area, random('singular-points'));
  trace?.('singular-points', layout);
  const flow = orientationModel(patternClass, area, layout, random('orientation'));
  const orientation = orientationField(flow, area.width, area.height);
  trace?.('orientation', orientation);
  const period = ridgePeriodMap(periodModel(layout, random('period')), area.width, area.height);
  trace?.('period', period);
  const ridges = ridgePattern(orientation, period, area.mask, area.width, area.height, random('ridges'));
  trace?.('ridges', ridges);
  const minutiae = masterMinutiae(ridges, area.mask, area.width, area.height);
  trace?.('minutiae', minutiae);
  return {
    seed,
    subject,
    position,
    patternClass,
    width: area.width,
    height: area.height,
    mask: area.mask,
    orientation: outsideNaN(orientation, area.mask),
    period: outsideNaN(period, area.mask),
    ridges,
    singularPoints: layout.points,
    minutiae,
  };
}
