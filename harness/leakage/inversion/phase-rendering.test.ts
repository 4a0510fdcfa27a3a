import { describe, expect, it } from 'vitest';
import { PHASE_RENDERING, renderPhase } from './phase-rendering.ts';

describe('renderPhase', () => {
  it('draws crests dark and valleys light at 500 ppi, white outside the mask or the phase', () => {
    const mask = Uint8Array.from([1, 1, 1, 0]);
    const psi = [0, Math.PI, Number.NaN, 0];
    const img = renderPhase(2, 2, mask, (x, y) => psi[y * 2 + x]);
    expect(img.ppi).toBe(500);
    expect([...img.data]).toEqual([
      PHASE_RENDERING.mean - PHASE_RENDERING.swing,
      PHASE_RENDERING.mean + PHASE_RENDERING.swing,
      PHASE_RENDERING.background,
      PHASE_RENDERING.background,
    ]);
  });
});
