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
import { type OrientationModel, orientationAt, orientationModel } from './master/orientation-field.ts';
import { drawPatternClass } from './master/pattern-class.ts';
import { type PeriodModel, periodAt, periodModel } from './master/ridge-period.ts';
import { placeSingularPoints, type SingularLayout } from './master/singular-points.ts';
import { MINUTIAE, PERIOD, TEMPLATE_IMPRESSION, TEMPLATE_ONLY } from './master/synthesis-parameters.ts';
import type { PatternClass } from './master-fingerprint.ts';

/**
 * A master fingerprint without its images: the same area, class, singular points, flow and
 * period models as generateMaster draws for the same (seed, subject, position), and minutiae
 * sampled from them as a point process with the rendered masters' density, spacing, type shares
 * and direction spread (constants in TEMPLATE_ONLY, measured on rendered masters).
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
 * ISO direction of a minutia on flow θ (pixel coordinates): one of the flow's two senses, pointing
 * up the finger with the share the rendered masters show on that side of the pattern centre, then
 * spread about the flow.
 */
function flowDirection(theta: number, upShare: number, random: Random): number {
  const a = normalizeAngle(-theta);
  const up = Math.sin(a) > 0 ? a : a + Math.PI;
  const sense = random.bernoulli(upShare) ? up : up + Math.PI;
  return normalizeAngle(sense + random.normal(0, TEMPLATE_ONLY.directionSd));
}

/** Share of minutiae pointing up the finger at height y, as the rendered masters show it. */
function upShare(layout: SingularLayout, y: number): number {
  const shares = TEMPLATE_ONLY.upShare;
  const band = Math.floor((y - layout.centerY - TEMPLATE_ONLY.upShareFrom) / TEMPLATE_ONLY.upShareBand);
  return shares[Math.min(shares.length - 1, Math.max(0, band))];
}

/** Uniform in [0, 1) from one 32-bit draw: plenty for a pixel position, half the cost of float(). */
function unit(random: Random): number {
  return random.uint32() / 4294967296;
}

/**
 * Candidates uniform over the finger's bounding box at the intensity the narrowest period of this
 * finger would need, kept inside the finger and away from minutiae already kept (a hard core,
 * sequential inhibition), then thinned to the local intensity, which scales as (T₀/T)².
 */
function sampleMinutiae(
  shape: AreaShape,
  layout: SingularLayout,
  flow: OrientationModel,
  periods: PeriodModel,
  random: Random,
): Minutia[] {
  const left = shape.centerX - shape.halfWidthLeft;
  const w = shape.halfWidthLeft + shape.halfWidthRight;
  const h = shape.bottom - shape.top;
  const narrowest = Math.max(PERIOD.min, periods.mean - periods.swing - PERIOD.wobble * 2);
  const widest = Math.min(PERIOD.max, periods.mean + periods.swing + PERIOD.wobble * 2);
  const intensity = (t: number) => (TEMPLATE_ONLY.intensity * TEMPLATE_ONLY.referencePeriod ** 2) / (t * t);
  const peak = intensity(narrowest);
  // Below the widest period's intensity a candidate stays wherever it is: no need to look up T.
  const floor = intensity(widest);
  const candidates = random.poisson(peak * w * h);
  const xs = new Float64Array(candidates);
  const ys = new Float64Array(candidates);
  const found: Minutia[] = [];
  const core2 = TEMPLATE_ONLY.hardCore * TEMPLATE_ONLY.hardCore;
  const inner = eroded(shape, MINUTIAE.edgeDistance);
  for (let c = 0; c < candidates; c++) {
    const x = left + w * unit(random);
    const y = shape.top + h * unit(random);
    const keep = unit(random) * peak;
    if (!insideArea(inner, x, y)) continue;
    let clash = false;
    for (let k = found.length - 1; k >= 0 && !clash; k--) {
      const dx = xs[k] - x;
      const dy = ys[k] - y;
      clash = dx * dx + dy * dy < core2;
    }
    if (clash || (keep > floor && keep > intensity(periodAt(periods, x, y)))) continue;
    xs[found.length] = x;
    ys[found.length] = y;
    const type = random.bernoulli(TEMPLATE_ONLY.endingShare) ? 'ending' : 'bifurcation';
    found.push({
      x: Math.round(x),
      y: Math.round(y),
      angle: flowDirection(orientationAt(flow, x, y), upShare(layout, y), random),
      type,
      quality: 100,
    });
  }
  return found;
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
  const minutiae = sampleMinutiae(
    shape,
    layout,
    flow,
    periods,
    stream(seed, 'template-only', subject, position, 'minutiae'),
  );
  const template: FingerTemplate = {
    width: shape.width,
    height: shape.height,
    ppi: 500,
    position,
    quality: 100,
    minutiae,
    singularPoints: layout.points,
  };
  return {
    seed,
    subject,
    position,
    patternClass,
    shape,
    layout,
    flow,
    periods,
    template,
    minutiae,
    singularPoints: layout.points,
    width: shape.width,
    height: shape.height,
  };
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
  return Math.hypot((x - pl.ex) / pl.ea, (y - pl.ey) / pl.eb);
}

/**
 * Maps a master point into the impression: plastic distortion (none in the rigid core, full
 * shift and twist at the contact's rim, Cappelli et al. 2001), then the rigid placement.
 * Returns the window point and the local rotation, or null where the skin did not touch.
 */
function project(
  pl: Placement,
  x: number,
  y: number,
  width: number,
  height: number,
): [number, number, number] | null {
  const r = contactDistance(pl, x, y);
  if (r >= 1) return null;
  const t = Math.max(0, (r - TEMPLATE_IMPRESSION.rigidShare) / (1 - TEMPLATE_IMPRESSION.rigidShare));
  const brake = t * t * (3 - 2 * t);
  const rot = brake * pl.dRot;
  const ux = x - pl.ex;
  const uy = y - pl.ey;
  const px = pl.ex + ux * Math.cos(rot) + uy * Math.sin(rot) + brake * pl.dx - pl.cx;
  const py = pl.ey - ux * Math.sin(rot) + uy * Math.cos(rot) + brake * pl.dy - pl.cy;
  // ISO rotation is counter-clockwise as seen, i.e. clockwise in y-down pixel coordinates.
  const wx = width / 2 + pl.cos * px + pl.sin * py;
  const wy = height / 2 - pl.sin * px + pl.cos * py;
  return [wx, wy, pl.rotation + rot];
}

function inWindow(x: number, y: number, width: number, height: number): boolean {
  const b = TEMPLATE_IMPRESSION.border;
  return x >= b && y >= b && x < width - b && y < height - b;
}

function flipType(type: Minutia['type']): Minutia['type'] {
  return type === 'ending' ? 'bifurcation' : 'ending';
}

/** A false minutia on the contact area, on the flow, as extractors find them in real images. */
function spurious(
  master: TemplateOnlyMaster,
  pl: Placement,
  random: Random,
  width: number,
  height: number,
): Minutia | null {
  const a = random.uniform(0, 2 * Math.PI);
  const r = Math.sqrt(random.float());
  const x = pl.ex + pl.ea * r * Math.cos(a);
  const y = pl.ey + pl.eb * r * Math.sin(a);
  if (!insideArea(master.shape, x, y)) return null;
  const at = project(pl, x, y, width, height);
  if (!at || !inWindow(at[0], at[1], width, height)) return null;
  const angle = normalizeAngle(flowDirection(orientationAt(master.flow, x, y), 0.5, random) + at[2]);
  const type = random.bernoulli(TEMPLATE_ONLY.endingShare) ? 'ending' : 'bifurcation';
  return { x: Math.round(at[0]), y: Math.round(at[1]), angle, type, quality: random.intBetween(20, 60) };
}

/**
 * One impression's minutiae as an extractor would report them from a plain 500-ppi capture:
 * the master's minutiae through placement and plastic distortion, cropped to the contact area
 * and the sensor window, with dropouts, position and direction noise, type confusions and a few
 * spurious minutiae. Addressable: stream (seed, 'template-only', subject, position, impression).
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
  for (const m of master.template.minutiae) {
    const drop = random.bernoulli(p.dropout);
    const at = project(pl, m.x, m.y, width, height);
    if (drop || !at || contactDistance(pl, m.x, m.y) > 1 - p.border / pl.eb) continue;
    const x = at[0] + random.normal(0, p.positionSd);
    const y = at[1] + random.normal(0, p.positionSd);
    if (!inWindow(x, y, width, height)) continue;
    const angle = normalizeAngle(m.angle + at[2] + random.normal(0, p.angleSd));
    const type = random.bernoulli(p.typeFlip) ? flipType(m.type) : m.type;
    minutiae.push({ x: Math.round(x), y: Math.round(y), angle, type, quality: random.intBetween(40, 100) });
  }
  for (let k = random.poisson(p.spuriousMean); k > 0; k--) {
    const extra = spurious(master, pl, random, width, height);
    if (extra) minutiae.push(extra);
  }
  const singularPoints: SingularPoint[] = [];
  for (const sp of master.layout.points) {
    const at = project(pl, sp.x, sp.y, width, height);
    if (at && inWindow(at[0], at[1], width, height))
      singularPoints.push({ type: sp.type, x: Math.round(at[0]), y: Math.round(at[1]) });
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
