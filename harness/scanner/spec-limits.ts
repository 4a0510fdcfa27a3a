/**
 * The limits each spec sets, as data, with where they come from. Figures are from the texts as read
 * through the tool library (see each `source`), not from memory:
 *
 * - APPENDIX_F: FBI EBTS Appendix F (IAFIS Image Quality Specifications), in the wording of BSI
 *   TR-03121-3 Vol. 4 v6.0 §4.1.3.1 "in analogy to [BIB_EBTS/F]" (§4.1.3.1.1 linearity,
 *   §4.1.3.1.2 resolution and geometric accuracy, §4.1.3.1.3 CTF with Table 4.1, §4.1.3.1.4 SNR and
 *   gray-level uniformity, §4.1.3.1.5 fingerprint gray range). Test-procedure sections are those of
 *   MITRE, "Test Procedures for Verifying IAFIS Image Quality Requirements for Fingerprint Scanners
 *   and Printers" v1.5 (2016): §2.1 linearity … §2.6 fingerprint image quality.
 * - PIV: FBI "PIV Image Quality Specifications for Single Finger Capture Devices" (PIV-071006, 2006).
 *   Its requirement tables were not readable in the library; where PIV is known to be the
 *   lower-level spec derived from the interim IAFIS specification, dactylo applies that
 *   specification's figures, read from EFTS 7.1 Appendix G (§2.2 geometric accuracy ±1.5 %, §2.3
 *   sine-wave MTF table, and "at least 80 % of the captured individual fingerprint images shall have
 *   a gray-scale dynamic range of at least 150 gray-levels"); Appendix G keeps Appendix F's SNR,
 *   uniformity and linearity ("no change from Appendix F"), and so does dactylo's `piv`. The capture
 *   area (≥ 12.8 × 16.5 mm) is the issue's figure for a single-finger plain device.
 * - POLICY: dactylo's own acceptance limits for what neither spec bounds (quality score,
 *   failure to acquire, latency, PAD error rates); the PAD metrics are ISO/IEC 30107-3's.
 */
export type SpecName = 'appendix-f' | 'piv';
export const SPEC_NAMES: readonly SpecName[] = ['appendix-f', 'piv'];

export interface ModulationLimit {
  frequency: number;
  min: number;
  max: number;
}

export interface SpecLimits {
  name: SpecName;
  title: string;
  /** Clause prefix used in every check's citation. */
  cite: string;
  resolutionTolerance: number;
  resolutionClause: string;
  acrossBar: {
    shortInch: number;
    shortD: (ppi: number) => number;
    longFactor: (ppi: number) => number;
    share: number;
    clause: string;
  };
  alongBar: { maxInch: number; share: number; clause: string } | null;
  modulation: {
    target: 'bars' | 'sine';
    quantity: 'CTF' | 'MTF';
    table: (ppi: number) => ModulationLimit[];
    clause: string;
  };
  snr: { min: number; share: number; clause: string };
  adjacent: { dark: number; white: number; share: number; clause: string };
  pixelToPixel: { dark: number; white: number; share: number; clause: string };
  smallArea: { dark: number; white: number; clause: string };
  linearity: { max: number; clause: string };
  grayRange: { levels: number; share: number }[];
  grayRangeClause: string;
  artefactsClause: string;
  captureArea: { widthMm: number; heightMm: number; clause: string };
}

const F = 'FBI EBTS Appendix F (via BSI TR-03121-3 Vol. 4 v6.0';
const G = 'EFTS 7.1 Appendix G (interim IAFIS IQS), applied for PIV-071006';

/** BSI TR-03121-3 Vol. 4 Table 4.1: minimum CTF per frequency, maximum 1.05. */
const CTF_500: [number, number][] = [
  [1, 0.948],
  [2, 0.869],
  [3, 0.791],
  [4, 0.713],
  [5, 0.636],
  [6, 0.559],
  [7, 0.483],
  [8, 0.408],
  [9, 0.333],
  [10, 0.259],
];
const CTF_1000: [number, number][] = [
  [1, 0.957],
  [2, 0.904],
  [3, 0.854],
  [4, 0.805],
  [5, 0.76],
  [6, 0.716],
  [7, 0.675],
  [8, 0.636],
  [9, 0.598],
  [10, 0.563],
  [12, 0.497],
  [14, 0.437],
  [16, 0.382],
  [18, 0.332],
  [20, 0.284],
];
/** EFTS 7.1 Appendix G §2.3: sine-wave MTF, min to max per frequency (500 ppi). */
const MTF_G: [number, number, number][] = [
  [1, 0.889, 1.4],
  [2, 0.778, 1.4],
  [3, 0.667, 1.4],
  [4, 0.556, 1.4],
  [5, 0.444, 1.4],
  [6, 0.333, 1.0],
  [8, 0.111, 1.0],
  [10, 0, 1.0],
];

const SHARED = {
  snr: { min: 125, share: 0.97 },
  adjacent: { dark: 1, white: 2, share: 0.99 },
  pixelToPixel: { dark: 8, white: 22, share: 0.999 },
  smallArea: { dark: 3, white: 12 },
  linearity: { max: 7.65 },
};

export const APPENDIX_F: SpecLimits = {
  name: 'appendix-f',
  title: 'FBI EBTS Appendix F',
  cite: F,
  resolutionTolerance: 0.01,
  resolutionClause: `${F} §4.1.3.1.2 "Resolution": R ± 0.01 R; MITRE IAFIS test procedures §2.2)`,
  acrossBar: {
    shortInch: 0.07,
    shortD: (ppi) => (ppi >= 1000 ? 0.0005 : 0.0007),
    longFactor: (ppi) => (ppi >= 1000 ? 0.0071 : 0.01),
    share: 0.99,
    clause: `${F} §4.1.3.1.2 "Across-Bar geometric accuracy"; MITRE §2.2.4.1)`,
  },
  alongBar: {
    maxInch: 0.016,
    share: 0.99,
    clause: `${F} §4.1.3.1.2 "Along-Bar geometric accuracy"; MITRE §2.2.4.2)`,
  },
  modulation: {
    target: 'bars',
    quantity: 'CTF',
    table: (ppi) =>
      (ppi >= 1000 ? CTF_1000 : CTF_500).map(([frequency, min]) => ({ frequency, min, max: 1.05 })),
    clause: `${F} §4.1.3.1.3 "Contrast Transfer Function", Table 4.1; MITRE §2.3)`,
  },
  snr: { ...SHARED.snr, clause: `${F} §4.1.3.1.4 "Signal-to-Noise Ratio"; MITRE §2.4)` },
  adjacent: {
    ...SHARED.adjacent,
    clause: `${F} §4.1.3.1.4 "Adjacent row, column uniformity"; MITRE §2.5.3.2)`,
  },
  pixelToPixel: {
    ...SHARED.pixelToPixel,
    clause: `${F} §4.1.3.1.4 "Pixel to pixel uniformity"; MITRE §2.5.3.3)`,
  },
  smallArea: { ...SHARED.smallArea, clause: `${F} §4.1.3.1.4 "Small area uniformity"; MITRE §2.5.3.4)` },
  linearity: { ...SHARED.linearity, clause: `${F} §4.1.3.1.1 "Grey Scale Linearity"; MITRE §2.1)` },
  grayRange: [
    { levels: 200, share: 0.8 },
    { levels: 128, share: 0.99 },
  ],
  grayRangeClause: `${F} §4.1.3.1.5 "Grey Scale Range of Fingerprint Images"; MITRE §2.6.3.1)`,
  artefactsClause: `${F} §4.1.3.1.5: "The histogram SHALL show no break and no other artefact")`,
  captureArea: {
    widthMm: 12.8,
    heightMm: 16.5,
    clause: 'single-finger plain capture area ≥ 12.8 × 16.5 mm (issue #7; PIV-071006 device class)',
  },
};

export const PIV: SpecLimits = {
  ...APPENDIX_F,
  name: 'piv',
  title: 'FBI PIV-071006 (single-finger capture devices)',
  cite: G,
  resolutionTolerance: 0.015,
  resolutionClause: `${G}: §2.2 positional accuracy ±1.5 % for 0.07–1.5 in`,
  acrossBar: {
    shortInch: 0.07,
    shortD: () => 0.001,
    longFactor: () => 0.015,
    share: 0.99,
    clause: `${G}: §2.2 "Geometric Image Accuracy" D ≤ 0.001 in (X ≤ 0.07 in), D ≤ 0.015 X (0.07–1.5 in)`,
  },
  alongBar: null,
  modulation: {
    target: 'sine',
    quantity: 'MTF',
    table: () => MTF_G.map(([frequency, min, max]) => ({ frequency, min, max })),
    clause: `${G}: §2.3 "Modulation Transfer Function", sine-wave MTF table`,
  },
  snr: { ...SHARED.snr, clause: `${G}: §2.4 "no change from Appendix F" → ${APPENDIX_F.snr.clause}` },
  adjacent: {
    ...SHARED.adjacent,
    clause: `${G}: §2.5 "no change from Appendix F" → ${APPENDIX_F.adjacent.clause}`,
  },
  pixelToPixel: { ...SHARED.pixelToPixel, clause: `${G}: §2.5 → ${APPENDIX_F.pixelToPixel.clause}` },
  smallArea: { ...SHARED.smallArea, clause: `${G}: §2.5 → ${APPENDIX_F.smallArea.clause}` },
  linearity: {
    ...SHARED.linearity,
    clause: `${G}: §2.1 "no change from Appendix F" → ${APPENDIX_F.linearity.clause}`,
  },
  grayRange: [{ levels: 150, share: 0.8 }],
  grayRangeClause: `${G}: "At least 80 % of the captured individual fingerprint images shall have a gray-scale dynamic range of at least 150 gray-levels"`,
};

export function specLimits(name: SpecName): SpecLimits {
  return name === 'piv' ? PIV : APPENDIX_F;
}

/** dactylo's acceptance policy for what the image-quality specs do not bound. */
export const POLICY = {
  clause: 'dactylo acceptance policy (no spec limit; set in harness/scanner/spec-limits.ts)',
  quality: { minScore: 40, share: 0.9 },
  failureToAcquire: { max: 0.02 },
  latencyP95Ms: 1500,
  apcerMax: 0.1,
  bpcerMax: 0.05,
  padClause:
    'ISO/IEC 30107-3 APCER (per PAI species) and BPCER, 95 % Clopper–Pearson intervals; limits: dactylo acceptance policy',
};
