import { fmt, frame, plotX, plotY } from './svg-plot.ts';

/** Genuine and impostor score histograms over the same bins; failures are counted apart. */
export interface ScoreHistogram {
  min: number;
  max: number;
  bins: number;
  genuine: number[];
  impostor: number[];
  genuineFailures: number;
  impostorFailures: number;
}

function counts(scores: readonly (number | null)[], min: number, max: number, bins: number): number[] {
  const c = new Array<number>(bins).fill(0);
  for (const s of scores) {
    if (s === null) continue;
    const k = Math.floor(((s - min) / (max - min)) * bins);
    c[Math.min(bins - 1, Math.max(0, k))]++;
  }
  return c;
}

export function scoreHistogram(
  genuine: readonly (number | null)[],
  impostor: readonly (number | null)[],
  bins = 50,
): ScoreHistogram {
  const all = [...genuine, ...impostor].filter((s): s is number => s !== null);
  // From 0 (or the lowest score) to the highest: similarities that stay far below 1, as MCC's do,
  // still spread over all the bins.
  const min = Math.min(0, ...all);
  const max = Math.max(...all, min + 1e-9);
  return {
    min,
    max,
    bins,
    genuine: counts(genuine, min, max, bins),
    impostor: counts(impostor, min, max, bins),
    genuineFailures: genuine.filter((s) => s === null).length,
    impostorFailures: impostor.filter((s) => s === null).length,
  };
}

/** Each class normalised to its own total, so that 45 impostors and 280 genuine pairs compare. */
export function histogramSvg(h: ScoreHistogram): string {
  const share = (c: number[]) => {
    const total = c.reduce((a, b) => a + b, 0) || 1;
    return c.map((v) => v / total);
  };
  const g = share(h.genuine);
  const i = share(h.impostor);
  const top = Math.max(...g, ...i, 1e-9);
  const bars = (values: number[], colour: string) =>
    values
      .map((v, k) => {
        const x0 = plotX(k / h.bins);
        const x1 = plotX((k + 1) / h.bins);
        const y = plotY(v / top);
        return `<rect x="${fmt(x0)}" y="${fmt(y)}" width="${fmt(x1 - x0)}" height="${fmt(plotY(0) - y)}" fill="${colour}" fill-opacity="0.5"/>`;
      })
      .join('');
  const xTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => ({ at: f, label: fmt(h.min + f * (h.max - h.min)) }));
  const yTicks = [0, 0.5, 1].map((f) => ({ at: f, label: `${fmt(f * top * 100)}%` }));
  return frame(
    'Score histograms',
    'score',
    'share of comparisons',
    xTicks,
    yTicks,
    bars(i, '#d62728') + bars(g, '#1f77b4'),
    [
      { label: 'genuine', colour: '#1f77b4' },
      { label: 'impostor', colour: '#d62728' },
    ],
  );
}
