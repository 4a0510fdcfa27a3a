import type { Minutia, SingularPoint } from '../matcher/template.ts';
import type { FingerPosition } from './finger-position.ts';

/** Henry/NIST pattern classes; twin loop is a whorl subclass kept apart for realism. */
export type PatternClass = 'arch' | 'tented-arch' | 'left-loop' | 'right-loop' | 'whorl' | 'twin-loop';

/**
 * A master fingerprint: the finger's ridge pattern as it is on the skin, at 500 ppi, before any
 * sensor sees it. Impressions render it; template-only mode samples its minutiae.
 * All maps are row-major, `width × height`.
 */
export interface MasterFingerprint {
  readonly seed: string;
  readonly subject: number;
  readonly position: FingerPosition;
  readonly patternClass: PatternClass;
  readonly width: number;
  readonly height: number;
  /** 1 inside the fingerprint area (the silhouette), 0 outside. */
  readonly mask: Uint8Array;
  /**
   * Ridge orientation in radians in [0, π), image coordinates (x right, y down): the ridge runs
   * along (cos θ, sin θ) in pixels (unlike minutia angles, which are ISO, y up). NaN outside.
   */
  readonly orientation: Float32Array;
  /** Local ridge period in pixels at 500 ppi (about 9), NaN outside. */
  readonly period: Float32Array;
  /** Ridge map in [-1, 1]: +1 on ridge crests, -1 in valleys, 0 outside the area. */
  readonly ridges: Float32Array;
  readonly singularPoints: SingularPoint[];
  /** Ground-truth minutiae read from the ridge map (see template.ts for the angle convention). */
  readonly minutiae: Minutia[];
}
