/**
 * Every tuning constant of 1:N identification, in one place.
 *
 * The index follows R. Cappelli, M. Ferrara, D. Maltoni, "Fingerprint Indexing Based on Minutia
 * Cylinder-Code", IEEE TPAMI 33(5), 2011: each minutia's neighbourhood becomes a binary cylinder, a
 * family of locality-sensitive hash functions each samples a few of its bits, and gallery fingerprints
 * are ranked by how often their cylinders collide with the probe's; the best few are then re-scored
 * by the full 1:1 matcher. Distances are pixels at 500 ppi.
 */
export const INDEX_PPI = 500;

/** The index's own cylinder (the 1:1 matcher's is tuned for comparison, this one for hashing). */
export interface IndexCylinderParameters {
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
  /**
   * A cell's bit is 1 when its summed contribution reaches this (a neighbour exactly at the cell centre,
   * direction in the section's middle, contributes about 0.6). With σS = 12 px about a quarter of a
   * finger's bits are 1, which separated mates from non-mates best on distorted synthetic mates.
   */
  threshold: number;
  /** A minutia with fewer neighbours than this within R says too little to be indexed. */
  minNeighbours: number;
}

export const INDEX_CYLINDER: IndexCylinderParameters = {
  radius: 70,
  spatialCells: 8,
  directionalCells: 4,
  sigmaS: 12,
  sigmaD: (2 * Math.PI) / 9,
  threshold: 0.1,
  minNeighbours: 2,
};

export interface HashParameters {
  /** L: hash functions, each its own table. */
  tables: number;
  /** H: cylinder bits each hash function samples (also the table's key width, so ≤ 16). */
  bits: number;
  /**
   * Cylinders of each gallery entry filed in the tables, those with most 1 bits: caps the index at
   * L × this × 2 bytes an entry.
   */
  cylindersPerEntry: number;
  /** Hash values with fewer 1 bits than this (empty neighbourhood parts) are neither stored nor looked up. */
  minOnes: number;
  /** Seed of the bit sampling: part of the index's definition, like its other constants. */
  seed: string;
}

/**
 * Measured on template-only synthetic galleries (5,000 entries, second impressions as probes): with
 * L = 32, H = 10, 98 % of mates are voted into the best 1 % (L = 16: 93 %; H = 16: 90 %).
 */
export const INDEX_HASH: HashParameters = {
  tables: 32,
  bits: 10,
  cylindersPerEntry: 32,
  minOnes: 2,
  seed: 'mcc-index-v1',
};

export interface SearchParameters {
  /**
   * Share of each shard the hash votes pass on to the bit-cylinder local similarity sort (popcount
   * over the index cylinders), at least `minShortlist` and at most `maxShortlist` entries of it.
   */
  shortlistShare: number;
  minShortlist: number;
  maxShortlist: number;
  /** Best of the shortlist, by local similarity, re-scored by the full 1:1 matcher (MCC with LSS-R). */
  candidates: number;
  /** Cylinder pairs the local similarity sort averages (nP of Cappelli et al. 2010's LSS). */
  sortedPairs: number;
  /**
   * Gallery entries per index shard; shards are the unit of work a search thread takes, and number
   * their cylinders in 16 bits (shardSize × cylindersPerEntry < 65,536).
   */
  shardSize: number;
}

export const SEARCH: SearchParameters = {
  shortlistShare: 0.01,
  minShortlist: 8,
  maxShortlist: 1024,
  candidates: 30,
  sortedPairs: 8,
  shardSize: 1024,
};
