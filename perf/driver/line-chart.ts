import { fmt, frame, plotX, plotY, type Series } from '../../harness/biometrics/svg-plot.ts';

export interface LineSeries extends Series {
  /** [x, y] points; a null y breaks the line (a second with no sample). */
  points: [number, number | null][];
}

/** Round tick steps (1, 2, 5 × 10^k) giving about five ticks up to `max`. */
export function ticks(
  max: number,
  format: (v: number) => string = (v) => String(v),
): { at: number; label: string }[] {
  if (!(max > 0)) return [{ at: 0, label: format(0) }];
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? raw;
  const out: { at: number; label: string }[] = [];
  for (let v = 0; v <= max + 1e-9; v += step)
    out.push({ at: v / max, label: format(Number(v.toPrecision(6))) });
  return out;
}

/** A line chart in dactylo's plot frame: x from 0 to xMax, y from 0 to the largest value (headroom 10 %). */
export function lineChart(
  title: string,
  xLabel: string,
  yLabel: string,
  series: LineSeries[],
  xMax: number,
): string {
  const ys = series.flatMap((s) => s.points.map((p) => p[1] ?? 0));
  const yMax = Math.max(1e-9, ...ys) * 1.1;
  const xm = Math.max(1e-9, xMax);
  const body = series
    .map((s) => {
      const runs: string[] = [];
      let run: string[] = [];
      for (const [x, y] of s.points) {
        if (y === null) {
          if (run.length) runs.push(run.join(' '));
          run = [];
          continue;
        }
        run.push(`${fmt(plotX(x / xm))},${fmt(plotY(y / yMax))}`);
      }
      if (run.length) runs.push(run.join(' '));
      return runs
        .map((pts) => `<polyline fill="none" stroke="${s.colour}" stroke-width="1.5" points="${pts}"/>`)
        .join('');
    })
    .join('');
  return frame(
    title,
    xLabel,
    yLabel,
    ticks(xm),
    ticks(yMax, (v) => String(v)).filter((t) => t.at <= 1),
    body,
    series,
  );
}
