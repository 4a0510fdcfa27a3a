/**
 * Every tuning constant of impression synthesis, in one place. Lengths are in pixels at 500 ppi
 * (the master's resolution) unless named otherwise; stages scale them to the sensor's ppi.
 */

const DEG = Math.PI / 180;

export const PLACEMENT = {
  /** Finger rotation on the platen: normal, clipped at the ±20° the issue asks for. */
  rotationSd: 8 * DEG,
  maxRotation: 20 * DEG,
  /** Offset of the finger's contact centre from the sensor's centre, as a fraction of the sensor size. */
  translationSd: 0.07,
  maxTranslation: 0.16,
  /** Where on the finger the pad touches: offset from the silhouette centre along the finger axis (px). */
  padOffsetSd: 18,
  /** Users press the pad slightly below the silhouette's centroid (towards the finger's base), in px. */
  padOffsetMean: 20,
} as const;

export const CONTACT = {
  /** Contact semi-axes as a fraction of the silhouette's semi-axes, from light (0) to firm (1) pressure. */
  sizeAtLightPressure: 0.58,
  sizeAtFirmPressure: 0.9,
  /** Across the finger the pad curves away from the platen: contact is narrower than the silhouette. */
  widthShare: 0.88,
  /** Pads flatten more along the finger than across it. */
  elongation: 1.15,
  /** Irregular boundary: Fourier harmonics 2…N of the radius, amplitude ~ irregularity / k. */
  harmonics: 6,
  irregularity: 0.12,
  /** Ground-truth minutiae are kept where the local pressure still prints ridges. */
  visiblePressure: 0.28,
} as const;

export const DISTORTION = {
  /** Close-contact region (undistorted): ellipse semi-axes as a fraction of the contact's. */
  closeContactFraction: [0.3, 0.5] as const,
  /** Width k of the transitional region in which the brake function rises from 0 to ~1 (px). */
  transition: [30, 60] as const,
  /** Rigid displacement of the external region: translation (px) and rotation, both normal, clipped. */
  translationSd: 6,
  maxTranslation: 16,
  rotationSd: 2.5 * DEG,
  maxRotation: 7 * DEG,
  /** Fixed-point iterations to invert the displacement field, and the inverse grid's step (px). */
  inverseIterations: 24,
  inverseGridStep: 8,
} as const;

export const SKIN = {
  /** Moisture in [−1 dry, +1 wet]: mostly normal skin, with dry and wet tails. */
  moistureSd: 0.4,
  /** Finger pressure in [0, 1]. */
  pressureMean: 0.6,
  pressureSd: 0.2,
  /** Ridge height threshold at which skin touches the platen, at mean pressure and normal moisture. */
  contactThreshold: 0.05,
  /** Firmer pressure and wetter skin lower the threshold: ridges thicken, valleys fill. */
  pressureGain: 0.45,
  wetGain: 0.55,
  /** Dry skin: ridges break where a speckle field exceeds the ridge height. */
  dryBreakGain: 2.4,
  /** Pores and ridge texture present in every print (level-3 detail seen in FVC images). */
  poreGain: 0.6,
  /** Scale of the break speckle and of the pores (px). */
  breakScale: 3.2,
  poreScale: 1.6,
  /** Half-width of the soft threshold: how quickly ink goes from none to full. */
  inkSoftness: 0.22,
  /** Rim of the contact area gets drier (less sweat pressed out): extra dryness × (1 − pressure)². */
  rimDryness: 1.2,
  /** Threshold rise towards the rim (× (1 − pressure)²). */
  rimThreshold: 1.6,
  /** Drier patches over the pad: their size (px) and extra dryness. */
  patchScale: 40,
  patchDryness: 0.4,
  /** Dry patches also print paler (fraction of darkness lost at the driest). */
  patchPaleness: 0.4,
  /** Raggedness of ridge edges (fraction of ridge height). */
  edgeRoughness: 0.25,
  /** Below this local pressure ridges print paler, down to about half darkness at the rim. */
  fullStrengthPressure: 0.5,
  /** Relative variation of ridge darkness along ridges. */
  inkVariation: 0.25,
} as const;

export const NOISE = {
  /** Skin creases: expected count per impression and their width (px). */
  creasesMean: 0.8,
  creaseWidth: [1.2, 3.0] as const,
  /** Low-frequency unevenness of the background and ink (fraction of contrast). */
  shadingScale: 48,
  /** Share of the sensor's pixel noise that remains on the empty background. */
  backgroundNoiseShare: 0.15,
} as const;
