import { describe, expect, it } from 'vitest';
import type { FingerTemplate, Minutia } from '../../../sim/matcher/template.ts';
import { growContinuousPhase, phaseAt } from './continuous-phase.ts';
import { minutiaSpirals, spiralPhase } from './minutia-spirals.ts';
import type { BlockOrientation } from './orientation-from-minutiae.ts';

/** Straight ridges along the pixel direction of an ISO angle (minutiae lie along their ridges). */
function parallelRidges(angle: number) {
  const theta = (((-angle % Math.PI) + Math.PI) % Math.PI) as number;
  const field: BlockOrientation = { block: 8, cols: 20, rows: 20, theta: new Float32Array(400).fill(theta) };
  return growContinuousPhase(field, new Uint8Array(400).fill(1), 9, { c: 10, r: 10 });
}

function image(m: Partial<Minutia>) {
  const phase = parallelRidges(m.angle ?? 0);
  const t: FingerTemplate = {
    width: 160,
    height: 160,
    ppi: 500,
    quality: 60,
    minutiae: [{ x: 80, y: 80, angle: 0, type: 'ending', quality: 60, ...m }],
  };
  const spirals = minutiaSpirals(t, phase);
  return {
    spirals,
    ridge: (x: number, y: number) => Math.cos(phaseAt(phase, x, y).psi + spiralPhase(spirals, x, y)),
  };
}

/** Ridges (crests) a vertical line at x crosses between y0 and y1. */
function crestsCrossed(ridge: (x: number, y: number) => number, x: number, y0: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y += 0.25) if (ridge(x, y) < 0.9 && ridge(x, y + 0.25) >= 0.9) n++;
  return n;
}

describe('minutiaSpirals', () => {
  it('adds one ridge on the side the minutia points to', () => {
    for (const angle of [0, Math.PI]) {
      const { ridge } = image({ angle });
      const ahead = angle === 0 ? 110 : 50;
      const behind = angle === 0 ? 50 : 110;
      expect(crestsCrossed(ridge, ahead, 44, 116) - crestsCrossed(ridge, behind, 44, 116)).toBe(1);
    }
  });

  it('makes an ending a ridge and a bifurcation a valley along the minutia direction', () => {
    for (const angle of [0, Math.PI / 2, 2, 4]) {
      const dx = Math.cos(angle);
      const dy = -Math.sin(angle);
      const ending = image({ angle, type: 'ending' }).ridge;
      const fork = image({ angle, type: 'bifurcation' }).ridge;
      expect(ending(80 + 5 * dx, 80 + 5 * dy)).toBeGreaterThan(0.5);
      expect(fork(80 + 5 * dx, 80 + 5 * dy)).toBeLessThan(-0.5);
      // Behind an ending lies the valley it ends in; behind a fork, its stem ridge.
      expect(ending(80 - 5 * dx, 80 - 5 * dy)).toBeLessThan(-0.5);
      expect(fork(80 - 5 * dx, 80 - 5 * dy)).toBeGreaterThan(0.5);
    }
  });

  it('turns the spiral the other way for a minutia pointing the other way', () => {
    expect(image({ angle: 0 }).spirals[0].polarity).toBe(-image({ angle: Math.PI }).spirals[0].polarity);
  });
});
