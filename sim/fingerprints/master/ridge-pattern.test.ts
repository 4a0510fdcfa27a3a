import { beforeAll, describe, expect, it } from 'vitest';
import type { MasterFingerprint } from '../master-fingerprint.ts';
import { generateMaster } from './master.ts';

/** Bilinear sample of a row-major map. */
function sample(map: Float32Array, width: number, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * width + x0;
  const top = map[i] + fx * (map[i + 1] - map[i]);
  const bottom = map[i + width] + fx * (map[i + width + 1] - map[i + width]);
  return top + fy * (bottom - top);
}

/** Ridge period measured by zero crossings along the ridge normal, over ±`reach` px. */
function measuredPeriod(m: MasterFingerprint, x: number, y: number, reach: number): number {
  const theta = m.orientation[y * m.width + x];
  const nx = -Math.sin(theta);
  const ny = Math.cos(theta);
  let crossings = 0;
  let prev = sample(m.ridges, m.width, x - reach * nx, y - reach * ny);
  for (let t = -reach + 0.5; t <= reach; t += 0.5) {
    const v = sample(m.ridges, m.width, x + t * nx, y + t * ny);
    if (v > 0 !== prev > 0) crossings++;
    prev = v;
  }
  return (2 * (2 * reach)) / crossings;
}

/** Whether every pixel within `r` of (x, y) lies on the finger. */
function deepInside(m: MasterFingerprint, x: number, y: number, r: number): boolean {
  for (let dy = -r; dy <= r; dy += r) {
    for (let dx = -r; dx <= r; dx += r) {
      const xx = x + dx;
      const yy = y + dy;
      if (xx < 0 || yy < 0 || xx >= m.width || yy >= m.height || !m.mask[yy * m.width + xx]) return false;
    }
  }
  return true;
}

describe('ridge pattern', () => {
  let masters: MasterFingerprint[] = [];
  beforeAll(() => {
    masters = [
      generateMaster('ridge-test', 1, 2),
      generateMaster('ridge-test', 2, 9, { patternClass: 'whorl' }),
    ];
  });

  it('has the configured ridge period where measured along the ridge normal', () => {
    const errors: number[] = [];
    for (const m of masters) {
      for (let y = 20; y < m.height - 20; y += 17) {
        for (let x = 20; x < m.width - 20; x += 17) {
          if (!deepInside(m, x, y, 30)) continue;
          if (m.singularPoints.some((p) => Math.hypot(p.x - x, p.y - y) < 35)) continue;
          const configured = m.period[y * m.width + x];
          errors.push(Math.abs(measuredPeriod(m, x, y, 22) / configured - 1));
        }
      }
    }
    errors.sort((a, b) => a - b);
    expect(errors.length).toBeGreaterThan(300);
    expect(errors[Math.floor(errors.length / 2)]).toBeLessThan(0.08);
    expect(errors[Math.floor(errors.length * 0.8)]).toBeLessThan(0.2);
  });

  it('reaches full contrast everywhere on the finger: no faded patches or seams', () => {
    for (const m of masters) {
      let faded = 0;
      let total = 0;
      for (let y = 3; y < m.height - 3; y += 2) {
        for (let x = 3; x < m.width - 3; x += 2) {
          if (!deepInside(m, x, y, 12)) continue;
          let peak = 0;
          for (let dy = -3; dy <= 3; dy++) {
            for (let dx = -3; dx <= 3; dx++)
              peak = Math.max(peak, Math.abs(m.ridges[(y + dy) * m.width + x + dx]));
          }
          total++;
          if (peak < 0.6) faded++;
        }
      }
      expect(faded / total).toBeLessThan(0.03);
    }
  });

  it('stays in [-1, 1] on the finger and is 0 off it', () => {
    for (const m of masters) {
      let lo = 0;
      let hi = 0;
      let outside = 0;
      for (let i = 0; i < m.ridges.length; i++) {
        lo = Math.min(lo, m.ridges[i]);
        hi = Math.max(hi, m.ridges[i]);
        if (!m.mask[i] && m.ridges[i] !== 0) outside++;
      }
      expect(lo).toBeGreaterThanOrEqual(-1);
      expect(hi).toBeLessThanOrEqual(1);
      expect(lo).toBeLessThan(-0.9);
      expect(hi).toBeGreaterThan(0.9);
      expect(outside).toBe(0);
    }
  });
});
