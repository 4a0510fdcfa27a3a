import { describe, expect, it } from 'vitest';
import type { Minutia } from '../../matcher/template.ts';
import type { ContactArea } from './contact-area.ts';
import { groundTruthMinutiae, groundTruthSingularPoints } from './ground-truth.ts';
import type { ImpressionTransform } from './impression-transform.ts';
import { NO_DISTORTION } from './plastic-distortion.ts';

// A quarter turn counter-clockwise (as seen) about the pad point (100, 100), landing at (150, 120).
const turn: ImpressionTransform = {
  placement: { rotation: Math.PI / 2, scale: 1, padX: 100, padY: 100, landX: 150, landY: 120 },
  distortion: NO_DISTORTION,
};
const contact: ContactArea = {
  cx: 150,
  cy: 120,
  semiMajor: 80,
  semiMinor: 60,
  axisAngle: 0,
  amplitudes: [],
  phases: [],
};
const frame = { width: 300, height: 240 };
const minutia = (x: number, y: number, angle: number, type: Minutia['type'] = 'ending'): Minutia => ({
  x,
  y,
  angle,
  type,
  quality: 70,
});

describe('ground truth', () => {
  it('maps position and direction through the same transform as the image', () => {
    const [m] = groundTruthMinutiae(
      { minutiae: [minutia(110, 100, 0.2, 'bifurcation')], singularPoints: [] },
      turn,
      contact,
      frame,
    );
    // (+10, 0) from the pad turned a quarter counter-clockwise on screen is (0, −10).
    expect(m.x).toBeCloseTo(150, 6);
    expect(m.y).toBeCloseTo(110, 6);
    expect(m.angle).toBeCloseTo(0.2 + Math.PI / 2, 3);
    expect(m.type).toBe('bifurcation');
    expect(m.quality).toBe(70);
  });

  it('keeps only minutiae inside the frame where the contact prints ridges', () => {
    const kept = groundTruthMinutiae(
      {
        minutiae: [
          minutia(100, 100, 0), // centre of contact
          minutia(100, 30, 0), // lands at (220, 120): outside the contact's x semi-axis
          minutia(100, 300, 0), // lands at x = −50: outside the frame
          minutia(100, 170, 0), // lands at (80, 120): rim, pressure < visible
        ],
        singularPoints: [],
      },
      turn,
      contact,
      frame,
    );
    expect(kept.map((m) => [m.x, m.y])).toEqual([[150, 120]]);
  });

  it('keeps angles in [0, 2π) and maps singular points with their direction', () => {
    const [m] = groundTruthMinutiae(
      { minutiae: [minutia(100, 100, 1.5 * Math.PI + 0.01)], singularPoints: [] },
      turn,
      contact,
      frame,
    );
    expect(m.angle).toBeGreaterThanOrEqual(0);
    expect(m.angle).toBeCloseTo(0.01, 3);
    const sps = groundTruthSingularPoints(
      {
        minutiae: [],
        singularPoints: [
          { type: 'core', x: 100, y: 90, angle: 0 },
          { type: 'delta', x: 400, y: 400 },
        ],
      },
      turn,
      contact,
      frame,
    );
    expect(sps).toEqual([{ type: 'core', x: 140, y: 120, angle: 1.5708 }]);
  });
});
