import { describe, expect, it } from 'vitest';
import { createGrayImage } from '../../image/gray-image.ts';
import { stream } from '../../random/index.ts';
import { localRidgePeriod } from './ridge-frequency.ts';

function grating(period: number, angle: number) {
  const img = createGrayImage(64, 64);
  const d = img.data as Uint8Array;
  for (let y = 0; y < 64; y++)
    for (let x = 0; x < 64; x++)
      d[y * 64 + x] = Math.round(
        128 + 100 * Math.cos((2 * Math.PI * (x * Math.cos(angle) + y * Math.sin(angle))) / period),
      );
  return img;
}

describe('localRidgePeriod', () => {
  it('finds the period of gratings at any angle to within 3 %', () => {
    for (const [period, angle] of [
      [7, 0],
      [9, 0.7],
      [11.5, 2.2],
      [9, Math.PI / 2],
    ]) {
      const p = localRidgePeriod(grating(period, angle), 32, 32);
      expect(Math.abs(p.period - period) / period).toBeLessThan(0.03);
      expect(p.strength).toBeGreaterThan(10);
    }
  });

  it('reports weak strength on noise', () => {
    const img = createGrayImage(64, 64);
    const r = stream('t', 'noise');
    for (let i = 0; i < img.data.length; i++) (img.data as Uint8Array)[i] = r.int(256);
    expect(localRidgePeriod(img, 32, 32).strength).toBeLessThan(10);
  });
});
