import {
  build,
  decodeFromCompressedBase64,
  encodeIntoCompressedBase64,
  type Histogram,
} from 'hdr-histogram-js';

/** Latencies are recorded in microseconds, 3 significant digits, up to an hour. */
const HIGHEST_US = 3_600_000_000;

export function newHistogram(): Histogram {
  return build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
  });
}

export function recordMs(h: Histogram, ms: number): void {
  h.recordValue(Math.min(HIGHEST_US, Math.max(1, Math.round(ms * 1000))));
}

export function encodeHistogram(h: Histogram): string {
  return encodeIntoCompressedBase64(h);
}

/** Sum of encoded histograms from several workers: the exact percentiles of all their samples together. */
export function mergeHistograms(encoded: (string | null | undefined)[]): Histogram {
  const total = newHistogram();
  for (const e of encoded) {
    if (!e) continue;
    const h = decodeFromCompressedBase64(e);
    total.add(h);
    h.destroy();
  }
  return total;
}

export interface LatencyFigures {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
  count: number;
}

const ms = (us: number) => Math.round(us) / 1000;

export function latencyFigures(h: Histogram): LatencyFigures {
  if (h.totalCount === 0) return { p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0, count: 0 };
  return {
    p50: ms(h.getValueAtPercentile(50)),
    p90: ms(h.getValueAtPercentile(90)),
    p99: ms(h.getValueAtPercentile(99)),
    p999: ms(h.getValueAtPercentile(99.9)),
    max: ms(h.maxValue),
    mean: ms(h.mean),
    count: h.totalCount,
  };
}
