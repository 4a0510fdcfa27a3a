import type { Random } from '../../random/random.ts';
import type { PatternClass } from '../master-fingerprint.ts';
import type { AreaShape } from './fingerprint-area.ts';
import type { SingularLayout } from './singular-points.ts';
import { ORIENTATION } from './synthesis-parameters.ts';

/** A singular point with its Vizcaya–Gerhardt correction g(α) sampled at evenly spaced knots. */
interface CorrectedPoint {
  readonly x: number;
  readonly y: number;
  readonly knots: Float64Array;
}

/**
 * The flow model: Sherlock–Monro zero-pole field from the singular points, each angle passed
 * through its own piecewise-linear Vizcaya–Gerhardt correction (1996), blended far from the
 * singular points into an arch-shaped flow (a bump of ridges over the pattern centre) as ridges
 * there are on real fingers. A plain arch is that arch flow alone.
 */
export interface OrientationModel {
  readonly cores: readonly CorrectedPoint[];
  readonly deltas: readonly CorrectedPoint[];
  readonly archX: number;
  readonly archY: number;
  readonly archRise: number;
  readonly archWidth: number;
  /** Vertical scale over which the arch flattens out below its apex. */
  readonly archFade: number;
  readonly blendStart: number;
  readonly blendEnd: number;
}

const TWO_PI = 2 * Math.PI;

/** g(α_i) = α_i + δ_i at L knots over [-π, π], with δ smooth in i and periodic. */
function correction(random: Random): Float64Array {
  const n = ORIENTATION.correctionKnots;
  const raw = new Float64Array(n);
  for (let i = 0; i < n; i++) raw[i] = random.normal(0, ORIENTATION.correctionSd);
  const knots = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const smooth = (raw[(i + n - 1) % n] + 2 * raw[i % n] + raw[(i + 1) % n]) / 4;
    knots[i] = -Math.PI + (TWO_PI * i) / n + smooth;
  }
  knots[n] = knots[0] + TWO_PI;
  return knots;
}

function corrected(knots: Float64Array, alpha: number): number {
  const n = knots.length - 1;
  const t = ((alpha + Math.PI) / TWO_PI) * n;
  const i = Math.min(n - 1, Math.max(0, Math.floor(t)));
  const f = t - i;
  return knots[i] + f * (knots[i + 1] - knots[i]);
}

/**
 * Near a loop's core the Sherlock–Monro flow is θ = α/2 + const, whose lines are confocal
 * parabolas opening along `opening` (the direction from the core mirrored from the delta's).
 * Subtracting k·sin(α − opening) makes the flow nearly parallel to the axis on both legs.
 */
function hairpin(knots: Float64Array, opening: number, k: number): void {
  const n = knots.length - 1;
  for (let i = 0; i <= n; i++) knots[i] -= k * Math.sin(-Math.PI + (TWO_PI * i) / n - opening);
}

/** Stage 4a: draws the flow model's free parameters. */
export function orientationModel(
  cls: PatternClass,
  shape: AreaShape,
  layout: SingularLayout,
  random: Random,
): OrientationModel {
  const withCorrection = (p: { x: number; y: number }): CorrectedPoint => ({
    x: p.x,
    y: p.y,
    knots: correction(random),
  });
  const a = (shape.halfWidthLeft + shape.halfWidthRight) / 2;
  const rise = cls === 'arch' ? ORIENTATION.plainArchRise : ORIENTATION.archRise;
  const cores = layout.points.filter((p) => p.type === 'core').map(withCorrection);
  const deltas = layout.points.filter((p) => p.type === 'delta');
  if (cls === 'left-loop' || cls === 'right-loop') {
    const opening = -Math.atan2(cores[0].y - deltas[0].y, cores[0].x - deltas[0].x);
    hairpin(
      cores[0].knots,
      opening,
      random.uniform(ORIENTATION.loopHairpin.min, ORIENTATION.loopHairpin.max),
    );
  }
  return {
    cores,
    deltas: deltas.map(withCorrection),
    archX: layout.centerX,
    archY: layout.centerY,
    archRise: random.uniform(rise.min, rise.max),
    archWidth: a * random.uniform(ORIENTATION.archWidthShare.min, ORIENTATION.archWidthShare.max),
    archFade: (shape.bottom - shape.top) * 0.18,
    blendStart: ORIENTATION.archBlendStart,
    blendEnd: ORIENTATION.archBlendEnd,
  };
}

/**
 * Arch flow: tangents of the level lines of f = y + h(y)·exp(-u²/2), u = (x - apex)/width, whose
 * bump height h fades below the apex. Returns the doubled-angle vector (cos 2θ, sin 2θ).
 */
function archFlow(m: OrientationModel, x: number, y: number, out: Float64Array): void {
  const u = (x - m.archX) / m.archWidth;
  const e = Math.exp(-0.5 * u * u);
  const s = 1 / (1 + Math.exp((y - m.archY) / m.archFade));
  const h = m.archRise * s;
  const dh = (-m.archRise * s * (1 - s)) / m.archFade;
  const fx = (-h * e * u) / m.archWidth;
  const fy = 1 + dh * e;
  // The tangent (fy, -fx) doubled, without trigonometry.
  const n2 = fx * fx + fy * fy;
  out[0] = (fy * fy - fx * fx) / n2;
  out[1] = (-2 * fx * fy) / n2;
}

const scratch = new Float64Array(2);

/**
 * Ridge orientation at (x, y) in radians in [0, π): the direction (cos θ, sin θ) in pixel
 * coordinates (x right, y down).
 */
export function orientationAt(m: OrientationModel, x: number, y: number): number {
  let theta = 0;
  let nearest = Number.POSITIVE_INFINITY;
  for (const c of m.cores) {
    const dx = x - c.x;
    const dy = y - c.y;
    theta += corrected(c.knots, Math.atan2(dy, dx));
    nearest = Math.min(nearest, dx * dx + dy * dy);
  }
  for (const d of m.deltas) {
    const dx = x - d.x;
    const dy = y - d.y;
    theta -= corrected(d.knots, Math.atan2(dy, dx));
    nearest = Math.min(nearest, dx * dx + dy * dy);
  }
  theta *= 0.5;
  const r = Math.sqrt(nearest);
  let w = 1;
  if (r < m.blendEnd) {
    const t = Math.max(0, (r - m.blendStart) / (m.blendEnd - m.blendStart));
    w = t * t * (3 - 2 * t);
  }
  let c2 = Math.cos(2 * theta) * (1 - w);
  let s2 = Math.sin(2 * theta) * (1 - w);
  if (w > 0) {
    archFlow(m, x, y, scratch);
    c2 += w * scratch[0];
    s2 += w * scratch[1];
  }
  const out = 0.5 * Math.atan2(s2, c2);
  return out < 0 ? out + Math.PI : out;
}

/** Grid step (px) at which the model is evaluated; the flow is smooth enough to interpolate. */
/** Slope dg/dα of a correction at α (piecewise linear between knots). */
function correctionSlope(knots: Float64Array, alpha: number): number {
  const n = knots.length - 1;
  const i = Math.min(n - 1, Math.max(0, Math.floor(((alpha + Math.PI) / TWO_PI) * n)));
  return ((knots[i + 1] - knots[i]) * n) / TWO_PI;
}

/**
 * Rate of turn of the flow across itself, dθ/dn along n = (−sin θ, cos θ) at (x, y), where θ is
 * orientationAt(m, x, y): the flow's divergence, positive where ridges spread apart along
 * (cos θ, sin θ). Exact near the singular points (the zero-pole sum differentiated), a forward
 * difference of step `h` px where the arch flow blends in.
 */
export function flowDivergence(m: OrientationModel, x: number, y: number, theta: number, h: number): number {
  const nx = -Math.sin(theta);
  const ny = Math.cos(theta);
  let d = 0;
  let nearest = Number.POSITIVE_INFINITY;
  for (let k = 0; k < m.cores.length + m.deltas.length; k++) {
    const isCore = k < m.cores.length;
    const p = isCore ? m.cores[k] : m.deltas[k - m.cores.length];
    const dx = x - p.x;
    const dy = y - p.y;
    const r2 = dx * dx + dy * dy;
    nearest = Math.min(nearest, r2);
    const turn = (correctionSlope(p.knots, Math.atan2(dy, dx)) * (dx * ny - dy * nx)) / r2;
    d += isCore ? turn : -turn;
  }
  if (Math.sqrt(nearest) < m.blendStart) return 0.5 * d;
  // Far from them the flow bends slowly: a forward difference (one more evaluation) is enough.
  let t = orientationAt(m, x + nx * h, y + ny * h) - theta;
  if (t > Math.PI / 2) t -= Math.PI;
  else if (t < -Math.PI / 2) t += Math.PI;
  return t / h;
}

const GRID = 4;

/**
 * Stage 4: the orientation map over the whole canvas (filters need it beyond the silhouette),
 * evaluated on a 4-px grid and interpolated bilinearly in the doubled-angle representation.
 */
export function orientationField(m: OrientationModel, width: number, height: number): Float32Array {
  const gw = Math.ceil(width / GRID) + 1;
  const gh = Math.ceil(height / GRID) + 1;
  const gc = new Float64Array(gw * gh);
  const gs = new Float64Array(gw * gh);
  for (let gy = 0; gy < gh; gy++) {
    for (let gx = 0; gx < gw; gx++) {
      const theta = orientationAt(m, gx * GRID, gy * GRID);
      gc[gy * gw + gx] = Math.cos(2 * theta);
      gs[gy * gw + gx] = Math.sin(2 * theta);
    }
  }
  const field = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = Math.floor(y / GRID);
    const fy = y / GRID - gy;
    for (let x = 0; x < width; x++) {
      const gx = Math.floor(x / GRID);
      const fx = x / GRID - gx;
      const i = gy * gw + gx;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      const c = w00 * gc[i] + w10 * gc[i + 1] + w01 * gc[i + gw] + w11 * gc[i + gw + 1];
      const s = w00 * gs[i] + w10 * gs[i + 1] + w01 * gs[i + gw] + w11 * gs[i + gw + 1];
      const theta = 0.5 * Math.atan2(s, c);
      field[y * width + x] = theta < 0 ? theta + Math.PI : theta;
    }
  }
  return field;
}
