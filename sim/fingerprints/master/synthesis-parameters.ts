import type { FingerName } from '../finger-position.ts';

/**
 * Every tuning constant of master-fingerprint synthesis, in one place. Lengths are in pixels at
 * 500 ppi (1 mm = 19.685 px) unless a name says mm.
 */

export const PIXELS_PER_MM = 500 / 25.4;

/** Blank margin around the silhouette on the master canvas, so that filters never leave it. */
export const CANVAS_MARGIN = 16;

/**
 * Mean width and height (mm) of the distal phalanx's print as a plain 500-ppi impression captures
 * it: adult pads are about 20–23 mm wide on thumbs, 16–17 mm on index and middle fingers, 15–16 on
 * ring and 13–14 on little fingers, and about 1.3–1.4 times as tall as wide down to the distal
 * flexion crease.
 */
export const FINGER_SIZE_MM: Readonly<Record<FingerName, { width: number; height: number }>> = {
  thumb: { width: 21.5, height: 28.5 },
  index: { width: 16.8, height: 23.5 },
  middle: { width: 17.0, height: 24.5 },
  ring: { width: 16.0, height: 23.0 },
  little: { width: 14.0, height: 20.0 },
};

export const AREA = {
  /** Person-to-person size spread (relative sd) and its clamp. */
  scaleSd: 0.05,
  scaleMin: 0.88,
  scaleMax: 1.12,
  /** Relative sd of the height/width ratio. */
  aspectSd: 0.04,
  /** Share of the height taken by the rounded fingertip (upper half-ellipse). */
  tipShare: 0.5,
  /** Share of the height taken by the rounded lower corners (SFinGe's b2). */
  baseShare: 0.2,
  /** Width of the base's rounded corners as a share of the half-width. */
  baseCornerShare: 0.55,
  /** Relative asymmetry between left and right half-widths. */
  asymmetrySd: 0.03,
} as const;

/**
 * Pattern-class frequencies (percent) per finger, for the right hand; the left hand mirrors them
 * (an ulnar loop is a right loop on the right hand and a left loop on the left hand, as a print is
 * seen). Averaged over the ten fingers they equal the FBI figures reported by Wilson, Candela and
 * Watson (1994) and used by Karu & Jain (1996) and SFinGe: arch 3.7, tented arch 2.9, loops 65.5
 * (left 33.8 + right 31.7), whorl 27.9 (twin loops included). Their spread over fingers follows
 * the dermatoglyphic record (Cummins & Midlo 1943; Henry 1900): whorls commonest on thumbs and
 * ring fingers, arches and radial loops on index fingers, ulnar loops dominant on middle and
 * little fingers. Twin (double) loops are carved out of the whorls at TWIN_LOOP_SHARE.
 */
export const CLASS_PERCENT_RIGHT_HAND: Readonly<
  Record<FingerName, { arch: number; tented: number; ulnar: number; radial: number; whorl: number }>
> = {
  thumb: { arch: 3.0, tented: 2.5, ulnar: 53.5, radial: 1.0, whorl: 40.0 },
  index: { arch: 8.0, tented: 7.0, ulnar: 37.0, radial: 17.0, whorl: 31.0 },
  middle: { arch: 3.5, tented: 2.5, ulnar: 73.0, radial: 2.0, whorl: 19.0 },
  ring: { arch: 2.0, tented: 1.5, ulnar: 57.5, radial: 1.0, whorl: 38.0 },
  little: { arch: 2.0, tented: 1.0, ulnar: 84.5, radial: 1.0, whorl: 11.5 },
};

/** Share of whorl-family patterns that are double (twin) loops. */
export const TWIN_LOOP_SHARE = 0.15;

/** The FBI ten-finger figures the table above reproduces on average (percent). */
export const FBI_CLASS_PERCENT: Readonly<Record<'arch' | 'tented' | 'loop' | 'whorl', number>> = {
  arch: 3.7,
  tented: 2.9,
  loop: 65.5,
  whorl: 27.9,
};

/**
 * Singular-point placement, relative to the silhouette (a = half-width, h = height) or in pixels.
 * A loop's delta lies 6–16 ridges (55–150 px) from its core, below it on the side away from the
 * loop's opening.
 */
export const SINGULAR = {
  coreHeightShare: { mean: 0.4, sd: 0.05 },
  coreOffsetShare: { sd: 0.08 },
  loopDeltaDistance: { min: 70, max: 150 },
  /** Angle below the horizontal of the core→delta direction, radians. */
  loopDeltaAngle: { min: 0.6, max: 1.2 },
  whorlCoreGap: { min: 14, max: 34 },
  twinCoreGap: { min: 40, max: 70 },
  whorlDeltaDistance: { min: 95, max: 150 },
  whorlDeltaAngle: { min: 0.45, max: 1.0 },
  tentedDeltaDistance: { min: 45, max: 80 },
} as const;

export const ORIENTATION = {
  /** Sd of the Vizcaya–Gerhardt correction at each of the 8 knots, radians. */
  correctionSd: 0.1,
  correctionKnots: 16,
  /**
   * Extra correction at a loop's core, g(α) = α − k·sin(α − opening): flattens the flow along the
   * loop's axis so that the innermost ridges are hairpins with parallel legs, not open parabolas.
   */
  loopHairpin: { min: 0.45, max: 0.75 },
  /** Distances from the nearest singular point over which flow turns arch-like, px. */
  archBlendStart: 150,
  archBlendEnd: 320,
  /** Arch bump: height (px) at the fingertip and its width relative to the half-width. */
  archRise: { min: 25, max: 55 },
  archWidthShare: { min: 0.5, max: 0.8 },
  /** Plain-arch rise, larger so that the flow visibly arches. */
  plainArchRise: { min: 70, max: 130 },
} as const;

export const PERIOD = {
  /**
   * Per-finger base period (px at 500 ppi). With the swing below the core the map averages 8.7 px
   * and the rendered ridges measure 9.0 px by block spectra, as real FVC2002 DB1 and DB2 prints do
   * (about 0.46 mm; Handbook of Fingerprint Recognition, ch. 3).
   */
  mean: 8.5,
  meanSd: 0.35,
  /** Half the difference between below-core and above-core periods, px. */
  verticalSwing: { min: 0.6, max: 1.1 },
  /** Vertical distance over which the swing happens (tanh scale), px. */
  swingScale: 110,
  /** Amplitude and wavelength range of the smooth random variation, px. */
  wobble: 0.35,
  wobbleWavelength: { min: 160, max: 320 },
  min: 7,
  max: 12,
} as const;

export const RIDGES = {
  /** Orientation bins over [0, π) and period bins over [PERIOD.min, PERIOD.max]. */
  orientationBins: 48,
  periodBins: 21,
  /** Along-ridge Gaussian smoothing: sd and reach (px). */
  alongSd: 5,
  alongReach: 11,
  /** Full-resolution iterations only reshape ridges grown at half resolution: a shorter smoother. */
  fineAlongSd: 2,
  fineAlongReach: 4,
  /** Across-ridge Gabor: envelope sd as a share of the period, reach (px). */
  acrossSdShare: 0.42,
  acrossReach: 7,
  /** Gain before clipping to [-1, 1]: above 1, so that ridges saturate and noise dies. */
  gain: 1.6,
  /** Iterations on the half-resolution grid, then at full resolution. */
  coarseIterations: 12,
  fineIterations: 3,
  /** Gain of the last, profile-shaping pass. */
  finalGain: 2,
} as const;

export const MINUTIAE = {
  /** Minutiae closer than this to the silhouette's edge (px) are the cut's, not the finger's. */
  edgeDistance: 12,
  /** Pairs closer than this (px) are skeleton artefacts (spurs, bridges, breaks) and both go. */
  pairDistance: 5,
  /** Skeleton steps traced from a minutia to measure its direction. */
  traceSteps: 8,
} as const;

/**
 * Template-only mode: minutiae as a marked point process with the rendered masters' statistics,
 * measured with `node harness/cli/run-ts.mjs perf/bench/synthesis-masters.ts --stats 5` (50
 * masters): 51.9 minutiae per 100,000 px² of finger at a mean ridge period of 8.7 px, 49.5%
 * endings, nearest-neighbour distance 5th percentile 7.3 px and median 22.8 px, 93.5% of
 * directions within 26° of the ridge flow.
 */
export const TEMPLATE_ONLY = {
  /**
   * Candidate intensity per px² at the reference period, before the hard core thins it; with the
   * clusters below the density is the rendered masters' (51.9 per 100,000 px²).
   */
  intensity: 5.4e-4,
  referencePeriod: 8.7,
  /** No two minutiae closer than this (px): the masters drop closer pairs as artefacts. */
  hardCore: 6,
  endingShare: 0.495,
  /**
   * Extra minutiae around each singular point (Poisson mean, radius px, uniform in r so density
   * ~ 1/r): rendered masters hold 24 % of their minutiae within 40 px of a core or delta, a
   * uniform process 9 %.
   */
  clusterPerPoint: 4,
  clusterRadius: 60,
  /**
   * Minutiae point along the flow towards where ridges multiply (the flow diverging faster than
   * the period grows): 82 % of rendered masters' minutiae do. Drawing the sense from that rule
   * always, rather than with the 82 % share, scores impostors more like extracted rendered prints
   * (their other 18 % are not random either): 1.0 here.
   */
  growthSenseShare: 1,
  /** Step (px) of the finite differences of flow and period that give the ridge growth. */
  growthStep: 4,
  /**
   * Sd (radians) of a minutia's direction about the local ridge flow: extractors take directions
   * from the smoothed orientation field, so extracted directions hug the flow.
   */
  directionSd: 0.05,
  /** Share of a master's minutiae that an extractor never reports (the same ones every time). */
  hiddenShare: 0.05,
} as const;

/** How a plain impression shows a finger, for template-only impressions (500 ppi). */
export const TEMPLATE_IMPRESSION = {
  /** FVC2002 DB1's image size, the default sensor window. */
  width: 388,
  height: 374,
  rotationSdDeg: 7,
  rotationMaxDeg: 20,
  placementSd: { x: 18, y: 24 },
  /** Contact ellipse: semi-axes as shares of the finger's half-width and of its height. */
  contactWidthShare: { min: 0.65, max: 0.85 },
  contactHeightShare: { min: 0.3, max: 0.4 },
  /** Plastic distortion (Cappelli, Maio, Maltoni 2001): rigid core, displaced periphery. */
  distortionShiftSd: 2,
  distortionRotationSdDeg: 1.5,
  rigidShare: 0.45,
  positionSd: 0.8,
  angleSd: 0.05,
  /** Minutiae an extractor misses in one impression only (fitted with hiddenShare, see README). */
  dropout: 0.14,
  /** Endings read as bifurcations and back (about 12 % in extractor studies). */
  typeFlip: 0.12,
  spuriousMean: 2,
  /** Minutiae closer than this to the window's or contact's edge are not extracted. */
  border: 8,
} as const;
