/**
 * The test targets dactylo synthesizes, as data: what a certification laboratory would put on the
 * platen. Each target is a reflectance map in millimetres (1 = white), centred on the platen; a
 * virtual scanner renders it, and `dactylo scanner targets` prints it to PNG for a real device.
 * Only relative distances are measured, so where exactly the device puts the centre does not matter.
 */

/** What a virtual scanner needs: the shape C1's `captureTarget` takes. */
export interface TestTarget {
  readonly id: string;
  readonly widthMm: number;
  readonly heightMm: number;
  reflectance(xMm: number, yMm: number): number;
}

export type TargetKind = 'ronchi' | 'sine' | 'bars' | 'flat' | 'gray-steps';
/** `x`: the pattern varies along the image rows (vertical bars); `y`: along the columns. */
export type Axis = 'x' | 'y';

export interface TargetSpec {
  id: string;
  kind: TargetKind;
  axis?: Axis;
  description: string;
  /** Bar or sine frequencies in cycles/mm, one band each, stacked across the other axis. */
  frequencies?: number[];
  /** Reflectance of flat targets, of the step patches, or the two levels of bar targets. */
  levels: number[];
}

export const WHITE = 0.9;
export const BLACK = 0.1;
export const FLAT_BLACK = 0.05;
/** Sine targets swing between 0.1 and 0.9: mean 0.5, modulation 0.8. */
export const SINE_MEAN = 0.5;
export const SINE_AMPLITUDE = 0.4;
export const RONCHI_FREQUENCY = 1;
/** Twelve patches evenly spaced in reflectance: the gray-scale step tablet of the linearity test. */
export const STEP_LEVELS = Array.from({ length: 12 }, (_, i) => Number((0.05 + (i * 0.85) / 11).toFixed(4)));

/** Spec frequencies: 1–10 cy/mm at 500 ppi, up to 20 cy/mm at 1000 ppi (Appendix F CTF table). */
export function specFrequencies(ppi: number): number[] {
  const base = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  return ppi >= 1000 ? [...base, 12, 14, 16, 18, 20] : base;
}

export function targetCatalogue(ppi: number): TargetSpec[] {
  const f = specFrequencies(ppi);
  return [
    {
      id: 'ronchi-x',
      kind: 'ronchi',
      axis: 'x',
      levels: [BLACK, WHITE],
      description: '1 cy/mm Ronchi ruling, vertical bars: resolution and geometric accuracy across the rows',
    },
    {
      id: 'ronchi-y',
      kind: 'ronchi',
      axis: 'y',
      levels: [BLACK, WHITE],
      description:
        '1 cy/mm Ronchi ruling, horizontal bars: resolution and geometric accuracy down the columns',
    },
    {
      id: 'sine-x',
      kind: 'sine',
      axis: 'x',
      frequencies: f,
      levels: [SINE_MEAN - SINE_AMPLITUDE, SINE_MEAN + SINE_AMPLITUDE],
      description: 'sine-wave bands varying along x, one frequency per band: MTF along the rows',
    },
    {
      id: 'sine-y',
      kind: 'sine',
      axis: 'y',
      frequencies: f,
      levels: [SINE_MEAN - SINE_AMPLITUDE, SINE_MEAN + SINE_AMPLITUDE],
      description: 'sine-wave bands varying along y: MTF down the columns',
    },
    {
      id: 'bars-x',
      kind: 'bars',
      axis: 'x',
      frequencies: f,
      levels: [BLACK, WHITE],
      description: 'bar (square-wave) bands varying along x: CTF along the rows',
    },
    {
      id: 'bars-y',
      kind: 'bars',
      axis: 'y',
      frequencies: f,
      levels: [BLACK, WHITE],
      description: 'bar bands varying along y: CTF down the columns',
    },
    {
      id: 'flat-white',
      kind: 'flat',
      levels: [WHITE],
      description: 'uniform high-reflectance target: white SNR and uniformity',
    },
    {
      id: 'flat-black',
      kind: 'flat',
      levels: [FLAT_BLACK],
      description: 'uniform low-reflectance target: black SNR and uniformity',
    },
    {
      id: 'gray-steps',
      kind: 'gray-steps',
      levels: STEP_LEVELS,
      description:
        '12-patch gray-scale step tablet (3 × 4): linearity and the gray-to-reflectance calibration',
    },
  ];
}

/** Where band `b` of `n` lies across the pattern axis, as fractions of the target's extent. */
export function bandExtent(b: number, n: number): { from: number; to: number } {
  return { from: b / n, to: (b + 1) / n };
}

/** The step tablet's patch `i` as fractions of the target: 3 columns × 4 rows, 5 % gutters. */
export function stepPatch(i: number): { x0: number; x1: number; y0: number; y1: number } {
  const col = i % 3;
  const row = Math.floor(i / 3);
  const w = 1 / 3;
  const h = 1 / 4;
  return {
    x0: col * w + 0.05 * w,
    x1: (col + 1) * w - 0.05 * w,
    y0: row * h + 0.05 * h,
    y1: (row + 1) * h - 0.05 * h,
  };
}

function squareWave(phaseCycles: number, lo: number, hi: number): number {
  const frac = phaseCycles - Math.floor(phaseCycles);
  return frac < 0.5 ? hi : lo;
}

/** The reflectance map of one catalogue entry on a target of the given size. */
export function reflectanceOf(
  spec: TargetSpec,
  widthMm: number,
  heightMm: number,
): (x: number, y: number) => number {
  const cx = widthMm / 2;
  const cy = heightMm / 2;
  const [lo, hi] = spec.levels;
  switch (spec.kind) {
    case 'flat':
      return () => spec.levels[0];
    case 'ronchi':
      return spec.axis === 'x'
        ? (x) => squareWave((x - cx) * RONCHI_FREQUENCY, lo, hi)
        : (_x, y) => squareWave((y - cy) * RONCHI_FREQUENCY, lo, hi);
    case 'sine':
    case 'bars': {
      const f = spec.frequencies ?? [];
      const n = f.length;
      const wave =
        spec.kind === 'sine'
          ? (cycles: number) => SINE_MEAN + SINE_AMPLITUDE * Math.cos(2 * Math.PI * cycles)
          : (cycles: number) => squareWave(cycles, lo, hi);
      return spec.axis === 'x'
        ? (x, y) => wave((x - cx) * f[Math.min(n - 1, Math.max(0, Math.floor((y / heightMm) * n)))])
        : (x, y) => wave((y - cy) * f[Math.min(n - 1, Math.max(0, Math.floor((x / widthMm) * n)))]);
    }
    case 'gray-steps':
      return (x, y) => {
        const col = Math.min(2, Math.max(0, Math.floor((x / widthMm) * 3)));
        const row = Math.min(3, Math.max(0, Math.floor((y / heightMm) * 4)));
        return spec.levels[row * 3 + col];
      };
  }
}

/** A catalogue entry as a TestTarget covering a platen of the given size. */
export function testTarget(spec: TargetSpec, widthMm: number, heightMm: number): TestTarget {
  const reflectance = reflectanceOf(spec, widthMm, heightMm);
  return { id: spec.id, widthMm, heightMm, reflectance };
}

/**
 * Looks a target up by id for a device of `ppi` and platen `widthMm × heightMm`: what
 * `dactylo scanner serve` passes to the virtual device server so that a suite talking HTTP can ask
 * for a target by name.
 */
export function testTargetById(
  id: string,
  ppi: number,
  widthMm: number,
  heightMm: number,
): TestTarget | undefined {
  const spec = targetCatalogue(ppi).find((t) => t.id === id);
  return spec ? testTarget(spec, widthMm, heightMm) : undefined;
}

/** Every catalogue target for a device of `ppi` with a `widthMm × heightMm` platen. */
export function standardTargets(ppi: number, widthMm: number, heightMm: number): TestTarget[] {
  return targetCatalogue(ppi).map((spec) => testTarget(spec, widthMm, heightMm));
}
