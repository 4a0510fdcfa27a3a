import type { FingerTemplate } from '../../../sim/matcher/template.ts';
import { type ContinuousPhase, phaseAt } from './continuous-phase.ts';

/**
 * One minutia as a phase singularity (Larkin & Fletcher 2007; Feng & Jain 2011): the spiral
 * `polarity · atan2(y − y₀, x − x₀)` adds one ridge on the side the minutia points to, and a local
 * phase `offset` (a Gaussian bump) makes it an ending or a bifurcation as stored.
 */
export interface MinutiaSpiral {
  readonly x: number;
  readonly y: number;
  readonly polarity: 1 | -1;
  offset: number;
}

export const MINUTIA_SPIRALS = {
  /**
   * Reach of the type-correcting phase bump, px: about a ridge period, wide enough to be nearly flat
   * along the first few pixels of the minutia's ridge, narrow enough to bend its neighbours by at
   * most a quarter of their spacing.
   */
  bumpSigma: 10,
  /** Gauss–Seidel passes that settle the bumps of minutiae closer than a few periods. */
  passes: 3,
  /** How far along its direction a minutia's ridge (or valley) is read to decide its type, px. */
  probe: 2,
} as const;

function wrap(a: number): number {
  return a - 2 * Math.PI * Math.round(a / (2 * Math.PI));
}

/**
 * The spirals of a template's minutiae over a continuous phase. The ISO direction points from an
 * ending into its ridge and from a bifurcation between its branches: in both cases the side with
 * one more ridge. With ∇ψ = g, `+atan2` adds that ridge on the side of g turned by −90°, so the
 * polarity is the sign that puts it on the minutia's side. Along that side the phase must then be a
 * crest (0) for an ending and a valley (π) for a bifurcation: the bump's offset sets it.
 */
export function minutiaSpirals(t: FingerTemplate, phase: ContinuousPhase): MinutiaSpiral[] {
  const spirals: MinutiaSpiral[] = t.minutiae.map((m) => {
    const { nx, ny } = phaseAt(phase, m.x, m.y);
    const dx = Math.cos(m.angle);
    const dy = -Math.sin(m.angle);
    const cross = nx * dy - ny * dx;
    return { x: m.x, y: m.y, polarity: cross > 0 ? -1 : 1, offset: 0 };
  });
  const { probe, passes } = MINUTIA_SPIRALS;
  for (let pass = 0; pass < passes; pass++) {
    t.minutiae.forEach((m, n) => {
      const qx = m.x + probe * Math.cos(m.angle);
      const qy = m.y - probe * Math.sin(m.angle);
      const base = phaseAt(phase, qx, qy).psi;
      if (Number.isNaN(base)) return;
      const own = spirals[n];
      const others = spiralPhase(spirals, qx, qy) - own.offset * bump(qx - own.x, qy - own.y);
      const target = m.type === 'bifurcation' ? Math.PI : 0;
      own.offset = wrap(target - base - others) / bump(qx - own.x, qy - own.y);
    });
  }
  return spirals;
}

function bump(dx: number, dy: number): number {
  const s = MINUTIA_SPIRALS.bumpSigma;
  return Math.exp(-(dx * dx + dy * dy) / (2 * s * s));
}

/** The spirals' and bumps' phase at a point (add it to the continuous phase). */
export function spiralPhase(spirals: readonly MinutiaSpiral[], x: number, y: number): number {
  const reach2 = (3 * MINUTIA_SPIRALS.bumpSigma) ** 2;
  let psi = 0;
  for (const s of spirals) {
    const dx = x - s.x;
    const dy = y - s.y;
    psi += s.polarity * Math.atan2(dy, dx);
    if (s.offset !== 0 && dx * dx + dy * dy < reach2) psi += s.offset * bump(dx, dy);
  }
  return psi;
}
