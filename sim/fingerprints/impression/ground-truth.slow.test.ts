import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../image/gray-image.ts';
import { generateMaster } from '../master/master.ts';
import type { MasterFingerprint } from '../master-fingerprint.ts';
import { sensorProfile } from '../sensor-profile.ts';
import { contactPressure } from './contact-area.ts';
import { renderImpression } from './impression.ts';
import { transformForward, transformInverse } from './impression-transform.ts';

const sensor = sensorProfile('optical-fvc2002');
const master = generateMaster('impression-test', 1, 2, { patternClass: 'whorl' });

function bilinear(img: GrayImage, x: number, y: number): number {
  const x0 = Math.min(img.width - 2, Math.max(0, Math.floor(x)));
  const y0 = Math.min(img.height - 2, Math.max(0, Math.floor(y)));
  const fx = Math.min(1, Math.max(0, x - x0));
  const fy = Math.min(1, Math.max(0, y - y0));
  const d = img.data;
  const i = y0 * img.width + x0;
  return (
    (1 - fy) * ((1 - fx) * d[i] + fx * d[i + 1]) +
    fy * ((1 - fx) * d[i + img.width] + fx * d[i + img.width + 1])
  );
}

/**
 * Ridges crossed by a segment of half-length `half` centred at (cx, cy) along (nx, ny), on the image
 * binarized at the mean gray of a longer probe: a ridge cut by a segment end counts with the share
 * of its width inside, so the count varies smoothly as the segment slides across the flow.
 */
function ridgesAcross(
  img: GrayImage,
  cx: number,
  cy: number,
  nx: number,
  ny: number,
  half: number,
  period: number,
): number {
  const reach = half + period;
  const step = 0.25;
  const n = Math.ceil((2 * reach) / step) + 1;
  const v = new Float64Array(n);
  let mean = 0;
  for (let k = 0; k < n; k++) {
    const t = -reach + k * step;
    v[k] = bilinear(img, cx + t * nx, cy + t * ny);
    mean += v[k];
  }
  mean /= n;
  const dark = Array.from(v, (g) => g < mean);
  // Ignore one-sample flickers from pixel noise.
  for (let k = 1; k < n - 1; k++) if (dark[k - 1] === dark[k + 1]) dark[k] = dark[k - 1];
  let count = 0;
  for (let k = 0; k < n; ) {
    if (!dark[k]) {
      k++;
      continue;
    }
    const start = k;
    while (k < n && dark[k]) k++;
    const s0 = -reach + start * step;
    const s1 = -reach + k * step;
    const inside = Math.min(s1, half) - Math.max(s0, -half);
    if (inside > 0) count += inside / (s1 - s0);
  }
  return count;
}

const AHEAD = 0.5;
const ACROSS = 3;

function aheadBehindDifference(
  img: GrayImage,
  x: number,
  y: number,
  dx: number,
  dy: number,
  period: number,
): number {
  // Close to the point and long across the flow, so that the half-turn of the ridge phase around a
  // minutia shows almost whole on the segments (2·atan(L/d) ≈ 161° of 180°).
  const d = AHEAD * period;
  const half = ACROSS * period;
  const ahead = ridgesAcross(img, x + d * dx, y + d * dy, -dy, dx, half, period);
  const behind = ridgesAcross(img, x - d * dx, y - d * dy, -dy, dx, half, period);
  return ahead - behind;
}

/** Share of ground-truth minutiae showing a one-ridge step, and of plain-flow controls showing none. */
function stepRates(master: MasterFingerprint, impressions: number[]) {
  let stepped = 0;
  let total = 0;
  let controlFlat = 0;
  let controls = 0;
  const p = new Float64Array(2);
  const q = new Float64Array(2);
  // The test is about the impression, so it uses the master minutiae that pass it on the master's
  // own ridge map (some master minutiae sit in tangles that a straight probe cannot resolve).
  const ridgeImage: GrayImage = {
    width: master.width,
    height: master.height,
    ppi: 500,
    data: Uint8Array.from(master.ridges, (r) => 128 - 100 * r),
  };
  const clean = master.minutiae.map((m) => {
    const period = master.period[Math.round(m.y) * master.width + Math.round(m.x)];
    return (
      Math.abs(aheadBehindDifference(ridgeImage, m.x, m.y, Math.cos(m.angle), -Math.sin(m.angle), period)) >
      0.5
    );
  });
  expect(clean.filter(Boolean).length).toBeGreaterThan(master.minutiae.length / 2);
  for (const k of impressions) {
    const imp = renderImpression(master, k, sensor);
    if (Math.abs(imp.skin.moisture) > 0.6) continue; // very dry or wet prints break the topology
    const at = new Float64Array(2);
    const periodAt = (x: number, y: number) => {
      transformInverse(imp.transform, x, y, at);
      const v = master.period[Math.round(at[1]) * master.width + Math.round(at[0])];
      return (Number.isNaN(v) ? 9 : v) * (sensor.ppi / 500);
    };
    const nearSingular = (mx: number, my: number) =>
      master.singularPoints.some((sp) => Math.hypot(sp.x - mx, sp.y - my) < 40);
    const mapped = master.minutiae.map((m) => {
      transformForward(imp.transform, m.x, m.y, p);
      return [p[0], p[1]];
    });
    // No other minutia (shown or hidden) in the band between the two segments, which it would flip.
    const isolated = (x: number, y: number, dx: number, dy: number, self = -1) => {
      const period = periodAt(x, y);
      return mapped.every(([mx, my], i) => {
        const along = Math.abs((mx - x) * dx + (my - y) * dy);
        const across = Math.abs(-(mx - x) * dy + (my - y) * dx);
        return i === self || along > (AHEAD + 1) * period || across > (ACROSS + 0.5) * period;
      });
    };
    for (const m of imp.minutiae) {
      const self = mapped.findIndex(([mx, my]) => Math.hypot(mx - m.x, my - m.y) < 0.05);
      const dx = Math.cos(m.angle);
      const dy = -Math.sin(m.angle);
      if (!isolated(m.x, m.y, dx, dy, self) || contactPressure(imp.contact, m.x, m.y) < 0.45) continue;
      if (!clean[self] || nearSingular(master.minutiae[self].x, master.minutiae[self].y)) continue;
      total++;
      const d = aheadBehindDifference(imp.image, m.x, m.y, dx, dy, periodAt(m.x, m.y));
      if (Math.abs(d) > 0.5) stepped++;
    }
    for (let y = 30; y < sensor.height - 30; y += 11)
      for (let x = 30; x < sensor.width - 30; x += 11) {
        if (contactPressure(imp.contact, x, y) < 0.45) continue;
        transformInverse(imp.transform, x, y, p);
        const mi = Math.round(p[1]) * master.width + Math.round(p[0]);
        if (!master.mask[mi] || nearSingular(p[0], p[1])) continue;
        // The local flow direction, carried into the image through the same transform.
        const o = master.orientation[mi];
        transformForward(imp.transform, p[0], p[1], q);
        const qx = q[0];
        const qy = q[1];
        transformForward(imp.transform, p[0] + 2 * Math.cos(o), p[1] + 2 * Math.sin(o), q);
        const len = Math.hypot(q[0] - qx, q[1] - qy);
        const dx = (q[0] - qx) / len;
        const dy = (q[1] - qy) / len;
        if (!isolated(qx, qy, dx, dy)) continue;
        controls++;
        if (Math.abs(aheadBehindDifference(imp.image, qx, qy, dx, dy, periodAt(qx, qy))) < 0.5) controlFlat++;
      }
  }
  return { stepped, total, controlFlat, controls };
}

describe('ground truth against the rendered image', () => {
  it('places ground-truth minutiae on ridge endings and bifurcations of the image', () => {
    const loop = generateMaster('impression-test', 2, 3, { patternClass: 'right-loop' });
    const a = stepRates(master, [1, 2, 3, 4, 5, 6, 7, 8]);
    const b = stepRates(loop, [1, 2, 3, 4, 5, 6, 7, 8]);
    const stepped = a.stepped + b.stepped;
    const total = a.total + b.total;
    const controlFlat = a.controlFlat + b.controlFlat;
    const controls = a.controls + b.controls;
    expect(total).toBeGreaterThan(25);
    expect(controls).toBeGreaterThan(100);
    // Pixel noise, pores and dry breaks spoil some counts; chance would give the same rate to both.
    // Measured: 81 % of minutiae and 24 % of controls show a one-ridge step; a misplaced or
    // misdirected ground truth would score like the controls.
    expect(stepped / total, `step at minutiae ${stepped}/${total}`).toBeGreaterThan(0.7);
    expect(controlFlat / controls, `no step at controls ${controlFlat}/${controls}`).toBeGreaterThan(0.65);
    expect(stepped / total).toBeGreaterThan(2.5 * (1 - controlFlat / controls));
  });
});
