import type { FingerTemplate } from '../template.ts';
import { kernelSelectPairs } from '../wasm/similarity-kernel.ts';
import type { BitCylinders } from './bit-cylinder.ts';
import { buildBitCylinders } from './bit-cylinder-builder.ts';
import { discCellCount } from './cylinder.ts';
import { bitSimilarityMatrix } from './local-similarity.ts';
import { lssR, lssRSelected, type PairGeometry, pairGeometry, pairSelection } from './lss-r.ts';
import {
  BIT_CYLINDER,
  type ConsolidationParameters,
  type CylinderParameters,
  PAPER_CONSOLIDATION,
} from './mcc-parameters.ts';
import { minutiaPoints } from './minutia-points.ts';

/** A template with its cylinders built once, so that 1:1 comparisons against it cost only Γ and LSS-R. */
export interface PreparedTemplate {
  readonly kind: 'mcc-bit';
  readonly cylinders: BitCylinders;
  readonly geometry: PairGeometry;
  readonly discCells: number;
  readonly minutiae: number;
}

export interface MccOptions {
  cylinder?: CylinderParameters;
  consolidation?: ConsolidationParameters;
}

export function prepare(template: FingerTemplate, options: MccOptions = {}): PreparedTemplate {
  const p = options.cylinder ?? BIT_CYLINDER;
  const points = minutiaPoints(template);
  const discCells = discCellCount(p);
  const cylinders = buildBitCylinders(points, p);
  return { kind: 'mcc-bit', cylinders, geometry: pairGeometry(cylinders), discCells, minutiae: points.count };
}

/** Similarity in [0, 1] of two prepared templates (MCC bit cylinders, LSS-R). */
export function comparePrepared(
  a: PreparedTemplate,
  b: PreparedTemplate,
  consolidation: ConsolidationParameters = PAPER_CONSOLIDATION,
): number {
  if (a.cylinders.words !== b.cylinders.words)
    throw new RangeError('templates were prepared with different cylinder parameters');
  const s = pairSelection(a.cylinders.count, b.cylinders.count);
  const n = kernelSelectPairs(
    a.cylinders,
    b.cylinders,
    a.discCells,
    consolidation,
    Math.min(a.cylinders.count, b.cylinders.count),
    s.pairA,
    s.pairB,
    s.lambda0,
  );
  return lssRSelected(n, a, b, consolidation);
}

let gamma = new Float32Array(0);

/**
 * comparePrepared in plain JavaScript (Γ by SWAR popcount, LSS's selection by bucket sort): the
 * reference the WebAssembly kernel is tested against; same scores, several times slower.
 */
export function comparePreparedReference(
  a: PreparedTemplate,
  b: PreparedTemplate,
  consolidation: ConsolidationParameters = PAPER_CONSOLIDATION,
): number {
  if (a.cylinders.words !== b.cylinders.words)
    throw new RangeError('templates were prepared with different cylinder parameters');
  const cells = a.cylinders.count * b.cylinders.count;
  if (gamma.length < cells) gamma = new Float32Array(cells);
  const nonZero = bitSimilarityMatrix(a.cylinders, b.cylinders, a.discCells, consolidation, gamma);
  return lssR(gamma, nonZero, a, b, consolidation);
}

/** Similarity in [0, 1] of two finger templates; prepare() them first when comparing one many times. */
export function compare(a: FingerTemplate, b: FingerTemplate, options: MccOptions = {}): number {
  return comparePrepared(prepare(a, options), prepare(b, options), options.consolidation);
}

/** Bytes held by a prepared template's typed arrays (the per-template memory of a 1:1 gallery). */
export function preparedBytes(t: PreparedTemplate): number {
  const c = t.cylinders;
  return (
    c.bits.byteLength +
    c.mask.byteLength +
    c.spatial.byteLength +
    c.bitCount.byteLength +
    c.maskCount.byteLength +
    c.complete.byteLength +
    c.angle.byteLength +
    c.x.byteLength +
    c.y.byteLength +
    c.minutia.byteLength +
    t.geometry.distance.byteLength +
    t.geometry.radial.byteLength
  );
}
