import type { AttackSpecies, ScannerKind } from './types.ts';

export type ScannerTechnology = 'optical' | 'capacitive' | 'thermal';
export type ScannerForm = 'single-finger' | 'four-finger-slap';

/**
 * A fingerprint scanner as data: the device model every capture goes through. Lengths in mm, grays
 * in 8-bit levels. Profiles live in scanner-profiles.json (schema: harness/contract/scanner-profile.schema.json);
 * mutants are a reference profile plus one defect, resolved by the loader into this full shape.
 */
export interface ScannerProfile {
  readonly name: string;
  readonly kind: ScannerKind;
  readonly description: string;
  /** Mutants: the reference profile they derive from; references: their own name. */
  readonly base: string;
  /** Mutants: the defect in words and the conformance check it should fail. */
  readonly defect?: { readonly summary: string; readonly fails: readonly string[] };
  readonly technology: ScannerTechnology;
  readonly form: ScannerForm;
  readonly resolution: {
    /** What the device claims and records (PNG pHYs, ISO 19794-4 header). */
    readonly nominalPpi: number;
    /** What its sampling pitch really is, across (x) and along (y). */
    readonly actualPpiX: number;
    readonly actualPpiY: number;
  };
  /** Active area; the image is round(mm / 25.4 × nominal ppi) pixels each way. */
  readonly captureArea: { readonly widthMm: number; readonly heightMm: number };
  readonly geometry: {
    /** Radial distortion r' = r (1 + k1 r²), r normalised by the half-diagonal; > 0 pincushion, < 0 barrel. */
    readonly barrelK1: number;
    /** Prism keystone: horizontal scale changes linearly top to bottom by ± this fraction. */
    readonly keystone: number;
  };
  /** The pixel aperture is a full-pitch box; the optics add a Gaussian blur. */
  readonly optics: {
    /** Standard deviation of the Gaussian point-spread function on the platen (mm). */
    readonly psfSigmaMm: number;
  };
  /** Gray-level transfer: gray = black + (white − black) · reflectance^gamma. */
  readonly transfer: { readonly black: number; readonly white: number; readonly gamma: number };
  /** Relative loss of signal at the corners of the field (vignetting), smooth and radial. */
  readonly illumination: { readonly falloff: number };
  readonly electronics: {
    /** Bits per pixel of the delivered image (always 8 here). */
    readonly bitDepth: 8;
    /** Bits the converter really resolves: grays are quantised to 2^effectiveBits levels. */
    readonly effectiveBits: number;
    /** Signal-independent noise σ (gray levels). */
    readonly readNoise: number;
    /** Signal-dependent (shot) noise: variance added per gray level of signal. */
    readonly shotNoise: number;
    /** Runs of rows stuck at one gray level (a dead gate line on a TFT sensor, a bad CCD line). */
    readonly stuckRows: readonly {
      readonly startFraction: number;
      readonly count: number;
      readonly gray: number;
    }[];
  };
  /** Time from trigger to image: log-normal. */
  readonly latency: { readonly medianMs: number; readonly sigmaLog: number };
  readonly acquisition: {
    /** Chance per capture of a device-side failure (sensor timeout), whatever the finger. */
    readonly deviceFailureRate: number;
    /** Below this share of the image showing ridges, the device gives up: no finger detected. */
    readonly minFingerShare: number;
  };
  /** Presentation-attack detection: error rates it is built to show (ISO/IEC 30107-3 terms). */
  readonly pad: {
    readonly bpcer: number;
    readonly apcer: Readonly<Record<AttackSpecies, number>>;
  };
}
