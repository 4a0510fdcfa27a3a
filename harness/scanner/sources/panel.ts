/**
 * The standard synthetic panel the live-capture checks run on: a few synthetic masters (each costs
 * the simulator ~0.7 s to grow) touched many times, so that quality, gray range, FTA, latency and
 * BPCER rest on enough captures while staying fast. Attacks are made from the same fingers.
 */
export const PANEL_SEED = 'dactylo-panel';
export const PANEL_SUBJECTS = 5;
export const PANEL_POSITIONS = [2, 7] as const;

export interface PanelFinger {
  seed: string;
  subject: number;
  position: (typeof PANEL_POSITIONS)[number];
  impression: number;
}

/** The i-th touch of the panel: fingers in turn, impressions counting up; `fingers` ≤ 10 distinct ones. */
export function panelFinger(i: number, fingers = PANEL_SUBJECTS * PANEL_POSITIONS.length): PanelFinger {
  const f = i % fingers;
  return {
    seed: PANEL_SEED,
    subject: 1 + Math.floor(f / PANEL_POSITIONS.length),
    position: PANEL_POSITIONS[f % PANEL_POSITIONS.length],
    impression: 1 + Math.floor(i / fingers),
  };
}
