import type { OperatingPoint } from './error-rates.ts';
import { fmt, frame, plotX, plotY, type Series } from './svg-plot.ts';

/**
 * DET curve: FNMR against FMR over all thresholds, both on log axes as FVC reports draw them. Rates of
 * 0 sit on the axis floor (one comparison in ten thousand) so that they stay visible.
 */
export interface DetCurve {
  label: string;
  points: { fmr: number; fnmr: number; threshold: number }[];
}

export const DET_FLOOR = 1e-4;
const MAX_POINTS = 400;

/** Keeps the curve's shape with at most 400 points (always the first and last). */
export function detCurve(label: string, points: readonly OperatingPoint[]): DetCurve {
  const step = Math.max(1, Math.ceil(points.length / MAX_POINTS));
  const kept = points.filter((_, i) => i % step === 0 || i === points.length - 1);
  return {
    label,
    points: kept.map((p) => ({
      fmr: p.fmr,
      fnmr: p.fnmr,
      threshold: Number.isFinite(p.threshold) ? p.threshold : Number.MAX_VALUE,
    })),
  };
}

function logFraction(v: number): number {
  const floor = Math.log10(DET_FLOOR);
  return (Math.log10(Math.max(v, DET_FLOOR)) - floor) / -floor;
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];

export function detSvg(curves: readonly DetCurve[]): string {
  const ticks = [1e-4, 1e-3, 1e-2, 1e-1, 1].map((v) => ({ at: logFraction(v), label: `${v * 100}%` }));
  const body = curves
    .map((c, i) => {
      const d = c.points.map((p) => `${fmt(plotX(logFraction(p.fmr)))},${fmt(plotY(logFraction(p.fnmr)))}`);
      return `<polyline fill="none" stroke="${COLOURS[i % COLOURS.length]}" stroke-width="1.5" points="${d.join(' ')}"/>`;
    })
    .join('');
  const legend: Series[] = curves.map((c, i) => ({ label: c.label, colour: COLOURS[i % COLOURS.length] }));
  return frame('DET curve', 'FMR', 'FNMR', ticks, ticks, body, legend);
}
