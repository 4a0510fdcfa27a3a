/**
 * Every tuning constant of the Minutia Cylinder-Code matcher, in one place.
 *
 * Source: R. Cappelli, M. Ferrara, D. Maltoni, "Minutia Cylinder-Code: A New Representation and
 * Matching Technique for Fingerprint Recognition", IEEE TPAMI 32(12), 2010, pp. 2128–2141
 * (Table 1 for the cylinder, Section 5 for LSS / LSS-R). Distances are pixels at 500 ppi; templates
 * at another resolution are scaled to it before cylinders are built.
 */
export const MCC_PPI = 500;

export interface CylinderParameters {
  /** Cylinder radius R (px). */
  radius: number;
  /** Cells along each side of the cylinder's base, NS. */
  spatialCells: number;
  /** Angular sections, ND. */
  directionalCells: number;
  /** Spatial Gaussian σS (px). */
  sigmaS: number;
  /** Directional Gaussian σD (rad). */
  sigmaD: number;
  /** Sigmoid Ψ centre μΨ; in the bit variant, the binarisation threshold. */
  muPsi: number;
  /** Sigmoid Ψ steepness τΨ. */
  tauPsi: number;
  /** Ω: how far (px) beyond the minutiae convex hull a cell stays valid. */
  omega: number;
  /** minVC: fraction of a cylinder's disc cells that must be valid for the cylinder to be kept. */
  minValidCells: number;
  /** minM: minutiae (besides the centre) needed within R + 3σS. */
  minMinutiae: number;
}

export interface ConsolidationParameters {
  /** minME: fraction of disc cells valid in both cylinders for them to be comparable. */
  minMatchableCells: number;
  /** δθ: largest direction difference (rad) between two comparable minutiae. */
  maxDirectionDifference: number;
  /** nP = minNP + round(Z(min(nA, nB), μP, τP) · (maxNP − minNP)). */
  minNP: number;
  maxNP: number;
  muP: number;
  tauP: number;
  /** Relaxation iterations nrel and weight wR. */
  relaxationIterations: number;
  relaxationWeight: number;
  /** ρ compatibility sigmoids: distance (px), direction difference (rad), radial angle (rad). */
  muRho1: number;
  tauRho1: number;
  muRho2: number;
  tauRho2: number;
  muRho3: number;
  tauRho3: number;
}

export const PAPER_CYLINDER: CylinderParameters = {
  radius: 70,
  spatialCells: 16,
  directionalCells: 6,
  sigmaS: 28 / 3,
  sigmaD: (2 * Math.PI) / 9,
  muPsi: 1 / 100,
  tauPsi: 400,
  omega: 50,
  minValidCells: 0.75,
  minMinutiae: 2,
};

/**
 * dactylo's bit cylinders keep the paper's NS = 16 (cells of 8.75 px; 208 disc cells × 6 = 1,248 bits, 40 words):
 * measured against NS = 8, 10 and 12 on the three FVC sets in ../shared/fvc, it gave the lowest FMR1000
 * on all three and the lowest EER on two, at about 1.5–2× the comparison time of NS = 8 (README).
 */
export const BIT_CYLINDER: CylinderParameters = PAPER_CYLINDER;

/** NS = 8 (17.5 px cells, 12 words): faster comparisons for a higher EER; see BIT_CYLINDER. */
export const COMPACT_CYLINDER: CylinderParameters = { ...PAPER_CYLINDER, spatialCells: 8 };

export const PAPER_CONSOLIDATION: ConsolidationParameters = {
  minMatchableCells: 0.6,
  maxDirectionDifference: Math.PI / 2,
  minNP: 4,
  maxNP: 12,
  muP: 20,
  tauP: 2 / 5,
  relaxationIterations: 5,
  relaxationWeight: 0.5,
  muRho1: 5,
  tauRho1: -8 / 5,
  muRho2: Math.PI / 12,
  tauRho2: -30,
  muRho3: Math.PI / 12,
  tauRho3: -30,
};

/** The logistic Z(v, μ, τ) = 1 / (1 + e^(−τ(v − μ))) the paper uses for every soft threshold. */
export function sigmoid(v: number, mu: number, tau: number): number {
  return 1 / (1 + Math.exp(-tau * (v - mu)));
}

/** Difference of two angles, in [−π, π) (the paper's dΦ). */
export function angleDifference(a: number, b: number): number {
  const d = a - b;
  if (d >= -Math.PI && d < Math.PI) return d;
  if (d < -Math.PI) return d + 2 * Math.PI;
  return d - 2 * Math.PI;
}
