import { beforeAll, describe, expect, it } from 'vitest';
import { type Minutia, normalizeAngle } from '../../matcher/template.ts';
import type { MasterFingerprint } from '../master-fingerprint.ts';
import { generateMaster } from './master.ts';
import { binarizeRidges, crossingNumber, masterMinutiae, thin } from './master-minutiae.ts';

const W = 300;
const H = 220;

/** Parallel horizontal ridges every 10 px, crests at y = 10k. */
function stripes(): { ridges: Float32Array; mask: Uint8Array } {
  const ridges = new Float32Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) ridges[y * W + x] = Math.cos((2 * Math.PI * y) / 10);
  const mask = new Uint8Array(W * H);
  for (let y = 20; y < H - 20; y++) for (let x = 20; x < W - 20; x++) mask[y * W + x] = 1;
  return { ridges, mask };
}

function fill(ridges: Float32Array, x0: number, x1: number, y0: number, y1: number, value: number): void {
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) ridges[y * W + x] = value;
}

const angleGap = (a: number, b: number) => Math.abs(Math.atan2(Math.sin(a - b), Math.cos(a - b)));

describe('masterMinutiae on drawn patterns', () => {
  it('finds nothing in plain parallel ridges', () => {
    const { ridges, mask } = stripes();
    expect(masterMinutiae(ridges, mask, W, H)).toEqual([]);
  });

  it('finds a ridge ending where a ridge stops, pointing into the ridge (ISO direction)', () => {
    const { ridges, mask } = stripes();
    fill(ridges, 150, W - 1, 97, 103, -1);
    const found = masterMinutiae(ridges, mask, W, H);
    expect(found).toHaveLength(1);
    expect(found[0].type).toBe('ending');
    expect(Math.abs(found[0].x - 150)).toBeLessThan(6);
    expect(Math.abs(found[0].y - 100)).toBeLessThan(2);
    expect(angleGap(found[0].angle, Math.PI)).toBeLessThan(0.2);
  });

  it('finds a bifurcation where two ridges merge, pointing along the valley between the branches', () => {
    const { ridges, mask } = stripes();
    fill(ridges, 150, W - 1, 103, 107, 1);
    const found = masterMinutiae(ridges, mask, W, H);
    expect(found).toHaveLength(1);
    expect(found[0].type).toBe('bifurcation');
    expect(Math.abs(found[0].x - 150)).toBeLessThan(9);
    expect(angleGap(found[0].angle, Math.PI)).toBeLessThan(0.3);
  });
});

/** Runs of ridge (sign +1) or valley (sign −1) met along a segment of half-length `half` across (nx, ny). */
function runsAcross(
  m: MasterFingerprint,
  x: number,
  y: number,
  nx: number,
  ny: number,
  half: number,
  sign: number,
): number {
  let count = 0;
  let previous = false;
  for (let t = -half; t <= half; t += 0.5) {
    const on = sign * m.ridges[Math.round(y + t * ny) * m.width + Math.round(x + t * nx)] > 0;
    if (on && !previous) count++;
    previous = on;
  }
  return count;
}

/**
 * Local topology of a minutia, checked on the ridge map alone: a ridge ending has one ridge more
 * on the side its direction points to (the ridge's body) than on the other (the gap), measured
 * across the flow at ±0.6 period; by ridge/valley duality a bifurcation is a valley ending, with
 * one valley more towards its direction (between the branches). Fails for a wrong position,
 * type or direction, and for a plain ridge.
 */
function topologyAgrees(m: MasterFingerprint, q: Minutia): boolean {
  const period = m.period[q.y * m.width + q.x];
  const dx = Math.cos(q.angle);
  const dy = -Math.sin(q.angle);
  const s = 0.6 * period;
  const sign = q.type === 'ending' ? 1 : -1;
  const ahead = runsAcross(m, q.x + s * dx, q.y + s * dy, -dy, dx, 0.9 * period, sign);
  const behind = runsAcross(m, q.x - s * dx, q.y - s * dy, -dy, dx, 0.9 * period, sign);
  return ahead - behind === 1;
}

describe('ground-truth minutiae of a master', () => {
  let masters: MasterFingerprint[] = [];
  beforeAll(() => {
    masters = [generateMaster('minutiae-test', 1, 3), generateMaster('minutiae-test', 2, 6)];
  });

  it('lie on ridge endings and bifurcations of the ridge map', () => {
    for (const m of masters) {
      const agree = m.minutiae.filter((q) => topologyAgrees(m, q)).length;
      expect(agree / m.minutiae.length).toBeGreaterThan(0.8);
    }
  });

  it('are told apart by that check from plain ridge centre-line points', () => {
    for (const m of masters) {
      const skeleton = thin(binarizeRidges(m.ridges, m.mask, m.width, m.height), m.width);
      let tried = 0;
      let fooled = 0;
      for (let i = 0; i < skeleton.length; i += 53) {
        const x = i % m.width;
        const y = (i - x) / m.width;
        if (!skeleton[i] || crossingNumber(skeleton, i, m.width) !== 2) continue;
        if (m.minutiae.some((o) => Math.hypot(o.x - x, o.y - y) < 15)) continue;
        const along = normalizeAngle(-m.orientation[i]);
        for (const type of ['ending', 'bifurcation'] as const) {
          for (const angle of [along, normalizeAngle(along + Math.PI)]) {
            tried++;
            if (topologyAgrees(m, { x, y, angle, type, quality: 0 })) fooled++;
          }
        }
      }
      expect(tried).toBeGreaterThan(400);
      expect(fooled / tried).toBeLessThan(0.1);
    }
  });

  it('point into the ridge for endings and into the valley between branches for bifurcations', () => {
    for (const m of masters) {
      let right = 0;
      for (const q of m.minutiae) {
        const ahead =
          m.ridges[
            Math.round(q.y - 4 * Math.sin(q.angle)) * m.width + Math.round(q.x + 4 * Math.cos(q.angle))
          ];
        if (q.type === 'ending' ? ahead > 0 : ahead < 0) right++;
      }
      expect(right / m.minutiae.length).toBeGreaterThan(0.85);
    }
  });

  it('have both types in realistic shares and a realistic density', () => {
    for (const m of masters) {
      const endings = m.minutiae.filter((q) => q.type === 'ending').length;
      expect(endings / m.minutiae.length).toBeGreaterThan(0.3);
      expect(endings / m.minutiae.length).toBeLessThan(0.7);
      let area = 0;
      for (const v of m.mask) area += v;
      const per100k = (1e5 * m.minutiae.length) / area;
      expect(per100k).toBeGreaterThan(30);
      expect(per100k).toBeLessThan(70);
    }
  });
});
