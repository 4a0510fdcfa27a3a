import { type CheckContext, type ConformanceCheck, judged, notMeasured, round } from '../check.ts';
import { bandModulation, type ModulationPoint } from '../measure/modulation.ts';
import { targetCatalogue } from '../target-catalogue.ts';

export interface ModulationCurve {
  axis: 'x' | 'y';
  quantity: 'CTF' | 'MTF';
  points: ModulationPoint[];
}

/** Measured CTF or MTF curves of both directions (shared with the HTML report's plot). */
export function modulationCurves(ctx: CheckContext): ModulationCurve[] | { problem: string } {
  return ctx.memo('modulation', () => {
    const m = ctx.spec.modulation;
    const cal = ctx.calibration();
    if ('problem' in cal) return { problem: cal.problem };
    const curves: ModulationCurve[] = [];
    for (const axis of ['x', 'y'] as const) {
      const id = `${m.target}-${axis}`;
      const t = ctx.target(id);
      if (!t.image) return { problem: t.problem };
      const spec = targetCatalogue(ctx.ppi).find((s) => s.id === id);
      if (!spec) return { problem: `no target ${id} in the catalogue` };
      curves.push({
        axis,
        quantity: m.quantity,
        points: bandModulation(t.image, spec, cal, ctx.defectMask(), ctx.ppi),
      });
    }
    return curves;
  });
}

/**
 * Spatial frequency response: CTF on bar targets (Appendix F) or MTF on sine targets (PIV), at each
 * spec frequency in both directions, between the spec's minimum and maximum. Modulations are taken
 * on the linearised (reflectance) profile. Value: the smallest margin above the minimum, as a
 * ratio measured/minimum (≥ 1 passes the minimum); frequencies with a minimum of 0 are judged on
 * the maximum only.
 */
export const spatialFrequencyResponse: ConformanceCheck = {
  id: 'mtf',
  title: 'Spatial frequency response (MTF / CTF)',
  rationale: 'Optics that blur lose the fine ridge detail (pores, incipient ridges) examiners compare.',
  applies: () => true,
  clause: (spec) => spec.modulation.clause,
  run(ctx) {
    const m = ctx.spec.modulation;
    const table = m.table(ctx.ppi);
    const limit = `${m.quantity} within [min, max] of the spec table at ${table.map((t) => t.frequency).join(', ')} cy/mm`;
    const curves = modulationCurves(ctx);
    if ('problem' in curves) return notMeasured(curves.problem, 'ratio to minimum', limit);
    const failures: string[] = [];
    let worst = Number.POSITIVE_INFINITY;
    for (const c of curves) {
      for (const l of table) {
        const p = c.points.find((q) => q.frequency === l.frequency);
        if (!p) continue;
        if (l.min > 0) worst = Math.min(worst, p.modulation / l.min);
        if (p.modulation < l.min || p.modulation > l.max)
          failures.push(`${c.axis} ${l.frequency} cy/mm: ${p.modulation.toFixed(3)} ∉ [${l.min}, ${l.max}]`);
      }
    }
    return judged(
      failures.length === 0,
      round(worst, 3),
      'ratio to minimum',
      limit,
      failures.slice(0, 4).join('; '),
      {
        quantity: m.quantity,
        curves: curves.map((c) => ({
          axis: c.axis,
          points: c.points.map((p) => ({ frequency: p.frequency, modulation: round(p.modulation, 4) })),
        })),
        table,
      },
    );
  },
};
