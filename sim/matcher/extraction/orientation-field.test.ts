import { describe, expect, it } from 'vitest';
import { normalize } from './normalization.ts';
import { orientationField } from './orientation-field.ts';

function stripes(angle: number, noise: (i: number) => number = () => 0) {
  const width = 128;
  const height = 128;
  const data = new Uint8Array(width * height);
  const nx = -Math.sin(angle);
  const ny = Math.cos(angle);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      data[i] = Math.max(
        0,
        Math.min(255, Math.round(128 + 90 * Math.cos((2 * Math.PI * (x * nx + y * ny)) / 9) + noise(i))),
      );
    }
  }
  return { width, height, data, ppi: 500 };
}

function angleError(a: number, b: number): number {
  const d = Math.abs(a - b) % Math.PI;
  return Math.min(d, Math.PI - d);
}

describe('orientationField', () => {
  for (const deg of [0, 30, 90, 135]) {
    it(`finds ridges at ${deg}° with high coherence`, () => {
      const th = (deg * Math.PI) / 180;
      const field = orientationField(normalize(stripes(th)));
      const i = 64 * 128 + 64;
      expect(angleError(field.angle[i], th)).toBeLessThan((2 * Math.PI) / 180);
      expect(field.coherence[i]).toBeGreaterThan(0.9);
    });
  }

  it('reports low coherence on noise', () => {
    let s = 12345;
    const rnd = () => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return s / 2 ** 31;
    };
    const width = 128;
    const data = Uint8Array.from({ length: width * width }, () => Math.round(rnd() * 255));
    const field = orientationField(normalize({ width, height: width, data, ppi: 500 }));
    expect(field.coherence[64 * width + 64]).toBeLessThan(0.3);
  });
});
