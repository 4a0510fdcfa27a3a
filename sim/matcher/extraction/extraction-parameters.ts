/**
 * Every tuning constant of minutiae extraction, in one place. Lengths are in pixels at 500 ppi
 * (images are resampled to 500 ppi first), where the ridge period of adult fingers is 8–11 px.
 */
export const EXTRACTION = {
  segmentation: {
    /** Side of the square blocks the foreground decision is taken on. */
    block: 8,
    /** Blocks whose local contrast (std of gray) is below this fraction of the image's strong
     * (90th-percentile) contrast are background. */
    relativeContrast: 0.15,
    /** …and below this absolute std (gray levels) in any case: flat sensor glass. */
    minContrast: 4,
    /** Blocks whose gradient coherence is below this are noise, not ridges. */
    minCoherence: 0.12,
    /** Majority vote radius (blocks) smoothing the block mask. */
    voteRadius: 2,
    /** Pixels shaved off the mask's edge: the last ridges at a finger's edge are unreliable. */
    erosion: 4,
  },
  normalization: {
    /** Half-side of the window for local mean and contrast: about two ridge periods. */
    radius: 9,
  },
  orientation: {
    /** Cells on which gradient tensors are summed. */
    cell: 4,
    /** Gaussian σ (cells) of the first tensor smoothing: local orientation and coherence. */
    sigma: 2,
    /** Gaussian σ (cells) of the coherence-weighted second smoothing used for enhancement. */
    smoothSigma: 3,
  },
  frequency: {
    /** Ridge period is estimated on blocks of this side… */
    block: 16,
    /** …from an oriented window this long across the ridges… */
    across: 32,
    /** …and this wide along them. */
    along: 16,
    minPeriod: 5,
    maxPeriod: 15,
    /** Autocorrelation peak needed to trust a block's period. */
    minPeakCorrelation: 0.3,
    defaultPeriod: 9,
  },
  enhancement: {
    orientationBins: 32,
    periodStep: 0.5,
    /** Gaussian σ along the ridge, pixels: bridges gaps and pores. */
    sigmaAlong: 5,
    /** Sample spacing along the ridge, pixels: the image changes slowly there, so σ ≫ step suffices. */
    alongStep: 2,
    /** Gaussian σ across the ridge as a fraction of the period: the Gabor band-pass width. */
    sigmaAcrossPerPeriod: 0.45,
  },
  minutiae: {
    /** Minutiae closer than this to the eroded mask's edge are dropped (edge artefacts). */
    borderDistance: 8,
    /** Endings whose open side reaches the foreground edge within this many periods are cut ridges. */
    edgeFacingPerPeriod: 1.5,
    /** Tracing distance used to find a minutia's direction. */
    directionTrace: 12,
    /** Spurs shorter than this fraction of the period are cut. */
    spurPerPeriod: 1.0,
    /** Ridge fragments (ending–ending) shorter than this fraction of the period are deleted. */
    fragmentPerPeriod: 1.2,
    /** Bridges and hole sides (bifurcation–bifurcation) shorter than this fraction are cut. */
    bridgePerPeriod: 1.0,
    /** Two endings closer than this fraction of the period, facing each other, are joined. */
    gapPerPeriod: 1.6,
    /** Largest angle between the gap and the ridge orientation for a join, radians. */
    gapAngle: Math.PI / 6,
    /** Minutiae closer to each other than this fraction of the period are both dropped. */
    closePairPerPeriod: 0.6,
    /** Minutiae in regions whose coherence is below this are dropped. */
    minCoherence: 0.05,
    /** Cleaning rounds: each round cuts, re-detects and cuts again. */
    cleaningRounds: 3,
    /** ISO/IEC 19794-2 stores at most 255 per view; keep the best. */
    maxCount: 255,
  },
  singularPoints: {
    /** Orientation smoothing (cells) before the Poincaré index. */
    sigma: 3,
    /** Half-side (cells) of the closed curve the Poincaré index is summed on. */
    radius: 2,
    /** Singular points closer than this (px) to the mask edge are unreliable. */
    borderDistance: 16,
  },
} as const;
