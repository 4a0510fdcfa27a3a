import type { SingularPoint } from '../../matcher/template.ts';
import type { Random } from '../../random/random.ts';
import type { PatternClass } from '../master-fingerprint.ts';
import type { AreaShape } from './fingerprint-area.ts';
import { SINGULAR } from './synthesis-parameters.ts';

/** Cores and deltas of a pattern, and the pattern's centre (the arch's apex where there is no core). */
export interface SingularLayout {
  readonly points: SingularPoint[];
  readonly centerX: number;
  readonly centerY: number;
}

function between(random: Random, range: { min: number; max: number }): number {
  return random.uniform(range.min, range.max);
}

/** A point at `distance` from (x, y), `angle` radians below the horizontal, to the left or right. */
function below(
  x: number,
  y: number,
  distance: number,
  angle: number,
  side: -1 | 1,
): { x: number; y: number } {
  return { x: x + side * distance * Math.cos(angle), y: y + distance * Math.sin(angle) };
}

function loop(cx: number, cy: number, deltaSide: -1 | 1, random: Random): SingularPoint[] {
  const d = below(
    cx,
    cy,
    between(random, SINGULAR.loopDeltaDistance),
    between(random, SINGULAR.loopDeltaAngle),
    deltaSide,
  );
  return [
    { type: 'core', x: cx, y: cy },
    { type: 'delta', ...d },
  ];
}

/** Two cores (close for a whorl, apart for a twin loop) between two deltas. */
function whorlFamily(cx: number, cy: number, gap: number, tilt: number, random: Random): SingularPoint[] {
  const hx = (gap / 2) * Math.cos(tilt);
  const hy = (gap / 2) * Math.sin(tilt);
  const left = below(
    cx,
    cy,
    between(random, SINGULAR.whorlDeltaDistance),
    between(random, SINGULAR.whorlDeltaAngle),
    -1,
  );
  const right = below(
    cx,
    cy,
    between(random, SINGULAR.whorlDeltaDistance),
    between(random, SINGULAR.whorlDeltaAngle),
    1,
  );
  return [
    { type: 'core', x: cx - hx, y: cy - hy },
    { type: 'core', x: cx + hx, y: cy + hy },
    { type: 'delta', ...left },
    { type: 'delta', ...right },
  ];
}

/**
 * Stage 3: places cores and deltas for the class. The pattern centre sits about 40% down the
 * finger, near its axis; a loop's delta lies below the core on the side away from the opening
 * (left for a right loop); whorls have two deltas, one on each side.
 */
export function placeSingularPoints(cls: PatternClass, shape: AreaShape, random: Random): SingularLayout {
  const h = shape.bottom - shape.top;
  const a = (shape.halfWidthLeft + shape.halfWidthRight) / 2;
  const centerY =
    shape.top +
    h * random.truncatedNormal(SINGULAR.coreHeightShare.mean, SINGULAR.coreHeightShare.sd, 0.3, 0.5);
  const centerX = shape.centerX + a * random.truncatedNormal(0, SINGULAR.coreOffsetShare.sd, -0.2, 0.2);
  const points = ((): SingularPoint[] => {
    switch (cls) {
      case 'arch':
        return [];
      case 'tented-arch': {
        const d = between(random, SINGULAR.tentedDeltaDistance);
        return [
          { type: 'core', x: centerX, y: centerY },
          { type: 'delta', x: centerX + random.normal(0, 4), y: centerY + d },
        ];
      }
      case 'right-loop':
        return loop(centerX, centerY, -1, random);
      case 'left-loop':
        return loop(centerX, centerY, 1, random);
      case 'whorl':
        return whorlFamily(
          centerX,
          centerY,
          between(random, SINGULAR.whorlCoreGap),
          random.uniform(0, Math.PI),
          random,
        );
      case 'twin-loop': {
        const tilt = (random.bernoulli(0.5) ? 1 : -1) * random.uniform(0.3, 1.1);
        return whorlFamily(centerX, centerY, between(random, SINGULAR.twinCoreGap), tilt, random);
      }
    }
  })();
  return { points, centerX, centerY };
}
