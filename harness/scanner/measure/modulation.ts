import type { GrayImage } from '../../../sim/image/gray-image.ts';
import { type Axis, bandExtent, SINE_AMPLITUDE, SINE_MEAN, type TargetSpec } from '../target-catalogue.ts';
import { MARGIN } from './bar-geometry.ts';
import type { GrayCalibration } from './gray-calibration.ts';
import { meanProfile, median, percentile } from './line-profile.ts';

const MM_PER_INCH = 25.4;
/** Share of each band's height used: its core, clear of the neighbouring bands' edges. */
const BAND_CORE = 0.5;
/** Cycles per analysis window: enough for a stable amplitude, short enough to follow local scale. */
const WINDOW_CYCLES = 6;
const MIN_WINDOW_PX = 48;
/**
 * Bar windows span at least this many pixels: near the Nyquist frequency the sampled bars beat
 * against the pixel grid, and the peak-to-valley modulation (CTF) is read where bars and pixels
 * are in phase, as the test procedure's peak picking does.
 */
const MIN_BAR_WINDOW_PX = 64;
/** The device's local scale may differ from nominal; the frequency is searched this far either side. */
const FREQUENCY_SEARCH = 0.1;
const SEARCH_STEPS = 40;
const WELL_POSED = 0.15;

export interface ModulationPoint {
  frequency: number;
  modulation: number;
}

function linearised(p: Float64Array, cal: GrayCalibration): Float64Array {
  return p.map((g) => cal.toReflectance(g));
}

/** Amplitude of the best-fitting sinusoid near `f` (cycles/px) over p[from..to). */
function sineAmplitude(
  p: Float64Array,
  from: number,
  to: number,
  f: number,
): { amplitude: number; mean: number } {
  const n = to - from;
  let mean = 0;
  for (let i = from; i < to; i++) mean += p[i];
  mean /= n;
  let best = 0;
  for (let s = -SEARCH_STEPS; s <= SEARCH_STEPS; s++) {
    const fr = f * (1 + (FREQUENCY_SEARCH * s) / SEARCH_STEPS);
    let c = 0;
    let q = 0;
    let cc = 0;
    let qq = 0;
    let cq = 0;
    for (let i = from; i < to; i++) {
      const w = 2 * Math.PI * fr * i;
      const cos = Math.cos(w);
      const sin = Math.sin(w);
      const v = p[i] - mean;
      c += v * cos;
      q += v * sin;
      cc += cos * cos;
      qq += sin * sin;
      cq += cos * sin;
    }
    // Least squares on the (cos, sin) basis: exact even for windows that are not whole cycles. Near
    // the Nyquist frequency the sine samples vanish and the basis degenerates; such fits are skipped
    // (a well-posed basis has det ≈ n²/4).
    const det = cc * qq - cq * cq;
    if (det <= WELL_POSED * n * n) continue;
    const a = (c * qq - q * cq) / det;
    const b = (q * cc - c * cq) / det;
    best = Math.max(best, Math.hypot(a, b));
  }
  return { amplitude: best, mean };
}

function windows(len: number, f: number, minPx: number): { from: number; to: number }[] {
  const from0 = Math.round(len * MARGIN);
  const to0 = Math.round(len * (1 - MARGIN));
  const size = Math.min(to0 - from0, Math.max(minPx, Math.ceil(WINDOW_CYCLES / f)));
  const out: { from: number; to: number }[] = [];
  for (let a = from0; a + size <= to0; a += Math.max(1, Math.floor(size / 2)))
    out.push({ from: a, to: a + size });
  return out;
}

/**
 * MTF (sine targets) or CTF (bar targets) of every band, as the target's reflectance modulation
 * measured in the image over the modulation printed on the target. Each band is cut into windows
 * of a few cycles and the median taken, so a local defect does not decide the figure.
 */
export function bandModulation(
  img: GrayImage,
  spec: TargetSpec,
  cal: GrayCalibration,
  mask: Uint8Array | null,
  nominalPpi: number,
): ModulationPoint[] {
  const axis = spec.axis as Axis;
  const freqs = spec.frequencies ?? [];
  const otherLen = axis === 'x' ? img.height : img.width;
  const [lo, hi] = spec.levels;
  const printed = spec.kind === 'sine' ? SINE_AMPLITUDE / SINE_MEAN : (hi - lo) / (hi + lo);
  return freqs.map((frequency, b) => {
    const band = bandExtent(b, freqs.length);
    const centre = ((band.from + band.to) / 2) * otherLen;
    const half = ((band.to - band.from) * otherLen * BAND_CORE) / 2;
    const p = linearised(meanProfile(img, axis, centre - half, centre + half, mask), cal);
    const f = (frequency * MM_PER_INCH) / nominalPpi;
    const values = windows(p.length, f, spec.kind === 'sine' ? MIN_WINDOW_PX : MIN_BAR_WINDOW_PX).map(
      ({ from, to }) => {
        if (spec.kind === 'sine') {
          const { amplitude, mean } = sineAmplitude(p, from, to, f);
          return mean > 0 ? amplitude / mean : 0;
        }
        const slice = p.subarray(from, to);
        const top = percentile(slice, 0.95);
        const bottom = percentile(slice, 0.05);
        return top + bottom > 0 ? (top - bottom) / (top + bottom) : 0;
      },
    );
    return { frequency, modulation: median(values) / printed };
  });
}
