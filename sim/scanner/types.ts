import type { FingerPosition } from '../fingerprints/finger-position.ts';
import type { GrayImage } from '../image/gray-image.ts';

/**
 * A test target as the printed chart a laboratory lays on the platen: physical and resolution-free,
 * so a device samples it at its true resolution through its own geometry, optics and electronics.
 */
export interface TestTarget {
  readonly id: string;
  readonly widthMm: number;
  readonly heightMm: number;
  /**
   * Diffuse reflectance at a point of the chart, 0 black … 1 white. The origin is the chart's top-left
   * corner, x to the right, y down; the chart is centred on the platen. Outside the chart: 1 (white).
   */
  reflectance(xMm: number, yMm: number): number;
}

/** One finger of one synthetic subject, and which touch of it (1-based, as impressions count). */
export interface FingerSpec {
  /** Seed of the synthetic world the master belongs to. */
  readonly seed: string;
  readonly subject: number;
  readonly position: FingerPosition;
  readonly impression: number;
}

export type SkinState = 'normal' | 'dry' | 'wet' | 'worn' | 'scarred';

/** How the finger is presented; anything left out is drawn from the impression's own streams. */
export interface CaptureConditions {
  /** Overrides the drawn placement: offset of the pad from the platen centre (mm) and rotation (°). */
  readonly placement?: {
    readonly offsetXMm?: number;
    readonly offsetYMm?: number;
    readonly rotationDeg?: number;
  };
  /** 0 light … 1 firm; overrides the drawn pressure. */
  readonly pressure?: number;
  /** Skin state; 'normal' keeps the drawn moisture. */
  readonly skin?: SkinState;
}

export const ATTACK_SPECIES = ['gelatine', 'silicone', 'latex', 'printed', 'replayed'] as const;
export type AttackSpecies = (typeof ATTACK_SPECIES)[number];

/** A presentation attack: an artefact made from the master of `finger`. */
export interface PresentationAttack {
  readonly species: AttackSpecies;
  readonly finger: FingerSpec;
}

export type PadDecision = 'bona-fide' | 'attack';

export interface PadResult {
  /** Liveness score in [0, 1]: high means bona fide; the decision threshold is 0.5. */
  readonly score: number;
  readonly decision: PadDecision;
}

/** What a capture delivers: the image as the device sends it, and what happened. */
export interface Capture {
  /** 8-bit grayscale; `image.ppi` is the nominal resolution the device reports. */
  readonly image: GrayImage;
  readonly ppiNominal: number;
  /** False on a failure to acquire (FTA); the image is then the empty platen. */
  readonly acquired: boolean;
  readonly failureReason?: string;
  /** Simulated time from trigger to image, deterministic per seed and sequence. */
  readonly latencyMs: number;
  readonly pad: PadResult;
  /** ISO/IEC 19794-4 finger position code: 0 unknown (targets), 1–10 fingers, 13/14 right/left four fingers. */
  readonly fingerPosition: number;
}

export interface TargetCaptureOptions {
  /** Which scan of the target this is: noise is independent between sequences, identical for the same one. */
  readonly sequence?: number;
}

export type ScannerKind = 'reference' | 'mutant';

export interface ScannerListing {
  readonly name: string;
  readonly kind: ScannerKind;
  readonly description: string;
}
