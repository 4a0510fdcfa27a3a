import {
  type FingerTemplate,
  type Minutia,
  normalizeAngle,
  type SingularPoint,
} from '../matcher/template.ts';
import type { Random } from '../random/random.ts';
import { stream } from '../random/stream.ts';
import type { FingerPosition } from './finger-position.ts';
import { type AreaShape, areaShape, insideArea } from './master/fingerprint-area.ts';
import { masterStream } from './master/master.ts';
import {
  flowDivergence,
  type OrientationModel,
  orientationAt,
  orientationModel,
} from './master/orientation-field.ts';
import { drawPatternClass } from './master/pattern-class.ts';
import { type PeriodModel, periodAt, periodGrowth, periodModel, wobbleBound } from './master/ridge-period.ts';
import { placeSingularPoints, type SingularLayout } from './master/singular-points.ts';
import { MINUTIAE, PERIOD, TEMPLATE_IMPRESSION, TEMPLATE_ONLY } from './master/synthesis-parameters.ts';
import type { PatternClass } from './master-fingerprint.ts';

/**
 * A master fingerprint without its images: the same area, class, singular points, flow and
 * period models as generateMaster draws for the same (seed, subject, position), and minutiae
 * sampled from them as a point process (constants in TEMPLATE_ONLY, fitted so that impressions
 * score under MCC like rendered prints whose minutiae were extracted from the images).
 */
export interface TemplateOnlyMaster {
  readonly seed: string;
  readonly subject: number;
  readonly position: FingerPosition;
  readonly patternClass: PatternClass;
  readonly shape: AreaShape;
  readonly layout: SingularLayout;
  readonly flow: OrientationModel;
  readonly periods: PeriodModel;
  /** In master canvas coordinates (width × height of the master canvas). */
  readonly template: FingerTemplate;
  /** The template's features again, so that code written for a MasterFingerprint's features takes this too. */
  readonly minutiae: Minutia[];
  readonly singularPoints: SingularPoint[];
  readonly width: number;
  readonly height: number;
  /** Sampled minutiae as columns (unrounded positions); directions are computed on first use. */
  readonly points: MinutiaColumns;
}

/** A master's minutiae as typed columns, so that an impression touches only those it shows. */
export interface MinutiaColumns {
  readonly count: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** 1 = ending, 0 = bifurcation. */
  readonly ending: Uint8Array;
  /** In [0, 1): below TEMPLATE_ONLY.hiddenShare an extractor never reports the minutia. */
  readonly visibility: Float32Array;
  /** The direction's random deviation from the flow (radians), drawn with the minutia. */
  readonly deviation: Float32Array;
  /** ISO direction (radians), NaN until first asked for. */
  readonly angle: Float64Array;
}

/** The silhouette shrunk by `margin` px all round: where the masters report minutiae. */
function eroded(shape: AreaShape, margin: number): AreaShape {
  return {
    ...shape,
    top: shape.top + margin,
    bottom: shape.bottom - margin,
    halfWidthLeft: shape.halfWidthLeft - margin,
    halfWidthRight: shape.halfWidthRight - margin,
    tipHeight: shape.tipHeight - margin,
    baseHeight: shape.baseHeight - margin,
  };
}

/**
 * Rate (per px along the flow, in the flow's pixel direction θ) at which the ridge count across
 * the flow grows: the flow's divergence (ridges spreading apart) less the period's relative growth
 * (ridges widening). Ridges are inserted where it is positive, so minutiae point that way.
 */
function ridgeGrowth(
  flow: OrientationModel,
  periods: PeriodModel,
  x: number,
  y: number,
  theta: number,
): number {
  const divergence = flowDivergence(flow, x, y, theta, TEMPLATE_ONLY.growthStep);
  return divergence - periodGrowth(periods, x, y, Math.cos(theta), Math.sin(theta));
}

/** ISO direction of minutia `i`: along the flow, towards where ridges multiply, plus its deviation. */
function directionOf(master: TemplateOnlyMaster, i: number): number {
  const p = master.points;
  const cached = p.angle[i];
  if (!Number.isNaN(cached)) return cached;
  const theta = orientationAt(master.flow, p.x[i], p.y[i]);
  const along = ridgeGrowth(master.flow, master.periods, p.x[i], p.y[i], theta) > 0;
  // Pixel direction (cos θ, sin θ) is ISO angle −θ (y down); the other sense is −θ + π.
  const angle = normalizeAngle(-theta + (along ? 0 : Math.PI) + p.deviation[i]);
  p.angle[i] = angle;
  return angle;
}

/** Uniform in [0, 1) from one 32-bit draw: plenty for a pixel position, half the cost of float(). */
function unit(random: Random): number {
  return random.uint32() / 4294967296;
}

/** Approximately normal (sd 1) from one 32-bit draw: sum of four bytes, variance-matched. */
function quickNormal(random: Random): number {
  const u = random.uint32();
  const sum = (u & 255) + ((u >>> 8) & 255) + ((u >>> 16) & 255) + (u >>> 24);
  // Four uniform bytes: mean 510, variance 4 × (256² − 1) / 12.
  return (sum - 510) / 147.8;
}

const CELL = TEMPLATE_ONLY.hardCore;

/**
 * Scratch space reused between masters (one thread, no re-entry): the hard-core grid (head of
 * each cell's list, next kept minutia in the same cell) and the kept minutiae's columns.
 */
const scratch = {
  heads: new Int32Array(0),
  next: new Int32Array(0),
  x: new Float64Array(0),
  y: new Float64Array(0),
  ending: new Uint8Array(0),
  visibility: new Float32Array(0),
  deviation: new Float32Array(0),
};

function reserve(cells: number, capacity: number): void {
  if (scratch.heads.length < cells) scratch.heads = new Int32Array(cells);
  if (scratch.x.length < capacity) {
    scratch.next = new Int32Array(capacity);
    scratch.x = new Float64Array(capacity);
    scratch.y = new Float64Array(capacity);
    scratch.ending = new Uint8Array(capacity);
    scratch.visibility = new Float32Array(capacity);
    scratch.deviation = new Float32Array(capacity);
  }
  scratch.heads.fill(-1, 0, cells);
}

/** No kept minutia within the hard core of (x, y): the 3 × 3 grid cells around it are searched. */
function hardCoreClear(cols: number, rows: number, x: number, y: number, cx: number, cy: number): boolean {
  const { heads, next, x: xs, y: ys } = scratch;
  const r2 = CELL * CELL;
  for (let j = Math.max(0, cy - 1); j <= Math.min(rows - 1, cy + 1); j++)
    for (let i = Math.max(0, cx - 1); i <= Math.min(cols - 1, cx + 1); i++)
      for (let k = heads[j * cols + i]; k >= 0; k = next[k]) {
        const dx = xs[k] - x;
        const dy = ys[k] - y;
        if (dx * dx + dy * dy < r2) return false;
      }
  return true;
}

const BAND = 8;

/**
 * Lower and upper bounds of the ridge period over each 8-px band of rows (pairs in one array):
 * the vertical term at the band's ends, ± the waves' largest wobble, clamped as periodAt clamps.
 */
function periodBands(periods: PeriodModel, top: number, height: number): Float64Array {
  const count = Math.ceil(height / BAND) + 1;
  const out = new Float64Array(2 * count);
  const wobble = wobbleBound(periods) + 1e-9;
  let previous = periods.mean + periods.swing * Math.tanh((top - periods.centerY) / PERIOD.swingScale);
  for (let b = 0; b < count; b++) {
    const y = top + (b + 1) * BAND;
    const next = periods.mean + periods.swing * Math.tanh((y - periods.centerY) / PERIOD.swingScale);
    out[2 * b] = Math.min(PERIOD.max, Math.max(PERIOD.min, Math.min(previous, next) - wobble));
    out[2 * b + 1] = Math.min(PERIOD.max, Math.max(PERIOD.min, Math.max(previous, next) + wobble));
    previous = next;
  }
  return out;
}

/** The kept minutiae's columns copied out of the scratch space into one buffer. */
function columns(count: number): MinutiaColumns {
  const buffer = new ArrayBuffer(count * 33);
  const angle = new Float64Array(buffer, 0, count).fill(Number.NaN);
  const x = new Float64Array(buffer, count * 8, count);
  const y = new Float64Array(buffer, count * 16, count);
  const visibility = new Float32Array(buffer, count * 24, count);
  const deviation = new Float32Array(buffer, count * 28, count);
  const ending = new Uint8Array(buffer, count * 32, count);
  x.set(scratch.x.subarray(0, count));
  y.set(scratch.y.subarray(0, count));
  visibility.set(scratch.visibility.subarray(0, count));
  deviation.set(scratch.deviation.subarray(0, count));
  ending.set(scratch.ending.subarray(0, count));
  return { count, x, y, ending, visibility, deviation, angle };
}

/**
 * Candidates: first a cluster around each singular point (ridges are inserted densely where the
 * flow turns fastest; uniform in r, so density ~ 1/r), then uniform over the finger's bounding
 * box at the intensity the narrowest period of this finger would need, thinned to the local
 * intensity, which scales as (T₀/T)². Each is kept inside the finger and away from minutiae
 * already kept (a hard core, sequential inhibition).
 */
function sampleMinutiae(
  shape: AreaShape,
  layout: SingularLayout,
  periods: PeriodModel,
  random: Random,
): MinutiaColumns {
  const left = shape.centerX - shape.halfWidthLeft;
  const w = shape.halfWidthLeft + shape.halfWidthRight;
  const h = shape.bottom - shape.top;
  const narrowest = Math.max(PERIOD.min, periods.mean - periods.swing - PERIOD.wobble * 2);
  const widest = Math.min(PERIOD.max, periods.mean + periods.swing + PERIOD.wobble * 2);
  const scale = TEMPLATE_ONLY.intensity * TEMPLATE_ONLY.referencePeriod ** 2;
  const peak = scale / (narrowest * narrowest);
  // Below the widest period's intensity a candidate stays wherever it is: no need to look up T.
  const floor = scale / (widest * widest);
  const points = layout.points;
  const clusters = points.map(() => random.poisson(TEMPLATE_ONLY.clusterPerPoint));
  const clustered = clusters.reduce((a, b) => a + b, 0);
  const candidates = random.poisson(peak * w * h);
  const cols = Math.ceil(w / CELL) + 1;
  const rows = Math.ceil(h / CELL) + 1;
  reserve(cols * rows, clustered + candidates);
  const inner = eroded(shape, MINUTIAE.edgeDistance);
  const bands = periodBands(periods, shape.top, h);
  let count = 0;
  let point = 0;
  let inCluster = clusters[0] ?? 0;
  for (let c = 0; c < clustered + candidates; c++) {
    let px: number;
    let py: number;
    if (c < clustered) {
      while (inCluster === 0) inCluster = clusters[++point];
      inCluster--;
      const r = TEMPLATE_ONLY.clusterRadius * unit(random);
      const a = 2 * Math.PI * unit(random);
      px = points[point].x + r * Math.cos(a);
      py = points[point].y + r * Math.sin(a);
      if (!insideArea(inner, px, py)) continue;
    } else {
      px = left + w * unit(random);
      py = shape.top + h * unit(random);
      const u = unit(random) * peak;
      if (!insideArea(inner, px, py)) continue;
      if (u > floor) {
        // The band's bounds on T settle most candidates; only those between them need T itself.
        const b = 2 * Math.floor((py - shape.top) / BAND);
        const lo = bands[b];
        const hi = bands[b + 1];
        if (u * lo * lo > scale) continue;
        if (u * hi * hi > scale) {
          const t = periodAt(periods, px, py);
          if (u * t * t > scale) continue;
        }
      }
    }
    const cx = Math.floor((px - left) / CELL);
    const cy = Math.floor((py - shape.top) / CELL);
    if (!hardCoreClear(cols, rows, px, py, cx, cy)) continue;
    const cell = cy * cols + cx;
    scratch.x[count] = px;
    scratch.y[count] = py;
    scratch.next[count] = scratch.heads[cell];
    scratch.heads[cell] = count;
    scratch.ending[count] = unit(random) < TEMPLATE_ONLY.endingShare ? 1 : 0;
    scratch.visibility[count] = unit(random);
    scratch.deviation[count] = TEMPLATE_ONLY.directionSd * quickNormal(random);
    count++;
  }
  return columns(count);
}

/** The master's minutiae as a template's list (every direction computed). */
function masterMinutiae(master: TemplateOnlyMaster): Minutia[] {
  const p = master.points;
  const out: Minutia[] = [];
  for (let i = 0; i < p.count; i++)
    out.push({
      x: Math.round(p.x[i]),
      y: Math.round(p.y[i]),
      angle: directionOf(master, i),
      type: p.ending[i] ? 'ending' : 'bifurcation',
      quality: 100,
    });
  return out;
}

/**
 * A template-only master whose minutiae list is built when first read: a 1:N gallery entry needs
 * only the directions of the minutiae its impression shows.
 */
class SampledMaster implements TemplateOnlyMaster {
  private list: Minutia[] | undefined;
  readonly singularPoints: SingularPoint[];
  readonly width: number;
  readonly height: number;
  constructor(
    readonly seed: string,
    readonly subject: number,
    readonly position: FingerPosition,
    readonly patternClass: PatternClass,
    readonly shape: AreaShape,
    readonly layout: SingularLayout,
    readonly flow: OrientationModel,
    readonly periods: PeriodModel,
    readonly points: MinutiaColumns,
  ) {
    this.singularPoints = layout.points;
    this.width = shape.width;
    this.height = shape.height;
  }
  get minutiae(): Minutia[] {
    if (!this.list) this.list = masterMinutiae(this);
    return this.list;
  }
  get template(): FingerTemplate {
    return {
      width: this.width,
      height: this.height,
      ppi: 500,
      position: this.position,
      quality: 100,
      minutiae: this.minutiae,
      singularPoints: this.singularPoints,
    };
  }
}

/** The template-only master of one finger: same models as generateMaster, sampled minutiae. */
export function templateOnlyMaster(
  seed: string,
  subject: number,
  position: FingerPosition,
): TemplateOnlyMaster {
  const random = (stage: string) => masterStream(seed, subject, position, stage);
  const shape = areaShape(position, random('area'));
  const patternClass = drawPatternClass(position, random('class'));
  const layout = placeSingularPoints(patternClass, shape, random('singular-points'));
  const flow = orientationModel(patternClass, shape, layout, random('orientation'));
  const periods = periodModel(layout, random('period'));
  const points = sampleMinutiae(
    shape,
    layout,
    periods,
    stream(seed, 'template-only', subject, position, 'minutiae'),
  );
  return new SampledMaster(seed, subject, position, patternClass, shape, layout, flow, periods, points);
}

/** Where and how one impression sees the finger. */
interface Placement {
  /** Master point shown at the window's centre, and the rotation (ISO sense, radians). */
  readonly cx: number;
  readonly cy: number;
  readonly cos: number;
  readonly sin: number;
  readonly rotation: number;
  /** Contact ellipse in master coordinates. */
  readonly ex: number;
  readonly ey: number;
  readonly ea: number;
  readonly eb: number;
  /** Plastic distortion of the periphery: shift and small rotation about the contact centre. */
  readonly dx: number;
  readonly dy: number;
  readonly dRot: number;
}

function placement(master: TemplateOnlyMaster, random: Random): Placement {
  const p = TEMPLATE_IMPRESSION;
  const s = master.shape;
  const deg = Math.PI / 180;
  const rotation = deg * random.truncatedNormal(0, p.rotationSdDeg, -p.rotationMaxDeg, p.rotationMaxDeg);
  const cx = master.layout.centerX + random.normal(0, p.placementSd.x);
  const cy = master.layout.centerY + random.normal(0, p.placementSd.y);
  return {
    cx,
    cy,
    cos: Math.cos(rotation),
    sin: Math.sin(rotation),
    rotation,
    ex: cx,
    ey: cy,
    ea:
      ((s.halfWidthLeft + s.halfWidthRight) / 2) *
      random.uniform(p.contactWidthShare.min, p.contactWidthShare.max),
    eb: (s.bottom - s.top) * random.uniform(p.contactHeightShare.min, p.contactHeightShare.max),
    dx: random.normal(0, p.distortionShiftSd),
    dy: random.normal(0, p.distortionShiftSd),
    dRot: deg * random.normal(0, p.distortionRotationSdDeg),
  };
}

/** Normalised distance from the contact centre: < 1 inside the contact ellipse. */
function contactDistance(pl: Placement, x: number, y: number): number {
  const u = (x - pl.ex) / pl.ea;
  const v = (y - pl.ey) / pl.eb;
  return Math.sqrt(u * u + v * v);
}

/** Window point and local rotation of the last projection (reused: no allocation per minutia). */
const projected = new Float64Array(3);

/**
 * Maps a master point at contact distance r (< 1) into the impression: plastic distortion (none
 * in the rigid core, full shift and twist at the contact's rim, Cappelli et al. 2001), then the
 * rigid placement. Writes the window point and the local rotation into `projected`.
 */
function project(pl: Placement, x: number, y: number, r: number, width: number, height: number): void {
  const t = Math.max(0, (r - TEMPLATE_IMPRESSION.rigidShare) / (1 - TEMPLATE_IMPRESSION.rigidShare));
  const brake = t * t * (3 - 2 * t);
  const rot = brake * pl.dRot;
  const c = Math.cos(rot);
  const s = Math.sin(rot);
  const ux = x - pl.ex;
  const uy = y - pl.ey;
  const px = pl.ex + ux * c + uy * s + brake * pl.dx - pl.cx;
  const py = pl.ey - ux * s + uy * c + brake * pl.dy - pl.cy;
  // ISO rotation is counter-clockwise as seen, i.e. clockwise in y-down pixel coordinates.
  projected[0] = width / 2 + pl.cos * px + pl.sin * py;
  projected[1] = height / 2 - pl.sin * px + pl.cos * py;
  projected[2] = pl.rotation + rot;
}

function inWindow(x: number, y: number, width: number, height: number): boolean {
  const b = TEMPLATE_IMPRESSION.border;
  return x >= b && y >= b && x < width - b && y < height - b;
}

/** A false minutia on the contact area, on the flow with either sense, as extractors find them. */
function spurious(
  master: TemplateOnlyMaster,
  pl: Placement,
  random: Random,
  width: number,
  height: number,
): Minutia | null {
  const a = 2 * Math.PI * unit(random);
  const r = Math.sqrt(unit(random));
  const x = pl.ex + pl.ea * r * Math.cos(a);
  const y = pl.ey + pl.eb * r * Math.sin(a);
  const ending = unit(random) < TEMPLATE_ONLY.endingShare;
  const sense = unit(random) < 0.5 ? 0 : Math.PI;
  const deviation = TEMPLATE_ONLY.directionSd * quickNormal(random);
  const quality = random.intBetween(20, 60);
  if (!insideArea(master.shape, x, y)) return null;
  project(pl, x, y, r, width, height);
  if (!inWindow(projected[0], projected[1], width, height)) return null;
  const angle = normalizeAngle(-orientationAt(master.flow, x, y) + sense + deviation + projected[2]);
  const type = ending ? 'ending' : 'bifurcation';
  return { x: Math.round(projected[0]), y: Math.round(projected[1]), angle, type, quality };
}

/**
 * One impression's minutiae as an extractor would report them from a plain 500-ppi capture:
 * the master's minutiae through placement and plastic distortion, cropped to the contact area
 * and the sensor window, less those an extractor never finds (the same ones every time) and
 * random dropouts, with position and direction noise, type confusions and a few spurious
 * minutiae. Addressable: stream (seed, 'template-only', subject, position, 'impression', k).
 */
export function templateOnlyImpression(
  master: TemplateOnlyMaster,
  impression: number,
  window: { width: number; height: number } = TEMPLATE_IMPRESSION,
): FingerTemplate {
  const { width, height } = window;
  const p = TEMPLATE_IMPRESSION;
  const random = stream(
    master.seed,
    'template-only',
    master.subject,
    master.position,
    'impression',
    impression,
  );
  const pl = placement(master, random);
  const minutiae: Minutia[] = [];
  const points = master.points;
  const rimLimit = 1 - p.border / pl.eb;
  for (let i = 0; i < points.count; i++) {
    // Draws come first, in a fixed number per minutia, so that what one minutia shows does not
    // shift the draws of the next.
    const u = random.uint32();
    const drop = (u & 0xffff) / 65536 < p.dropout || points.visibility[i] < TEMPLATE_ONLY.hiddenShare;
    const flip = u >>> 16 < p.typeFlip * 65536;
    const v = random.uint32();
    const nx = quickNormal(random);
    const ny = quickNormal(random);
    const na = quickNormal(random);
    if (drop) continue;
    const r = contactDistance(pl, points.x[i], points.y[i]);
    if (r > rimLimit) continue;
    project(pl, points.x[i], points.y[i], r, width, height);
    const x = projected[0] + p.positionSd * nx;
    const y = projected[1] + p.positionSd * ny;
    if (!inWindow(x, y, width, height)) continue;
    const angle = normalizeAngle(directionOf(master, i) + projected[2] + p.angleSd * na);
    const ending = points.ending[i] === 1 ? !flip : flip;
    const quality = 40 + Math.floor((v / 4294967296) * 61);
    minutiae.push({
      x: Math.round(x),
      y: Math.round(y),
      angle,
      type: ending ? 'ending' : 'bifurcation',
      quality,
    });
  }
  for (let k = random.poisson(p.spuriousMean); k > 0; k--) {
    const extra = spurious(master, pl, random, width, height);
    if (extra) minutiae.push(extra);
  }
  const singularPoints: SingularPoint[] = [];
  for (const sp of master.layout.points) {
    const r = contactDistance(pl, sp.x, sp.y);
    if (r >= 1) continue;
    project(pl, sp.x, sp.y, r, width, height);
    if (inWindow(projected[0], projected[1], width, height))
      singularPoints.push({ type: sp.type, x: Math.round(projected[0]), y: Math.round(projected[1]) });
  }
  return {
    width,
    height,
    ppi: 500,
    position: master.position,
    quality: random.intBetween(40, 90),
    minutiae,
    singularPoints,
  };
}
