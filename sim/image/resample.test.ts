import { describe, expect, it } from 'vitest';
import { createGrayImage } from './gray-image.ts';
import { resampleToPpi } from './resample.ts';

function stripes(width: number, height: number, period: number, ppi: number) {
  const img = createGrayImage(width, height, ppi, 0);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      img.data[y * width + x] = Math.round(128 + 100 * Math.cos((2 * Math.PI * x) / period));
  }
  return img;
}

/** Mean distance between upward zero crossings along the middle row. */
function measuredPeriod(img: { width: number; height: number; data: Uint8Array }): number {
  const row = Math.floor(img.height / 2) * img.width;
  const crossings: number[] = [];
  for (let x = 1; x < img.width; x++) {
    const a = img.data[row + x - 1] - 128;
    const b = img.data[row + x] - 128;
    if (a < 0 && b >= 0) crossings.push(x - 1 + a / (a - b));
  }
  return (crossings[crossings.length - 1] - crossings[0]) / (crossings.length - 1);
}

describe('resampleToPpi', () => {
  it('is a no-op at 500 ppi', () => {
    const img = stripes(50, 40, 9, 500);
    expect(resampleToPpi(img)).toBe(img);
  });

  it('scales FVC2002 DB2 (569 ppi, 296×560) to 500 ppi and the ridge period with it', () => {
    const img = stripes(296, 560, 10.24, 569);
    const out = resampleToPpi(img);
    expect(out).toMatchObject({ width: 260, height: 492, ppi: 500 });
    expect(measuredPeriod(out)).toBeCloseTo((10.24 * 500) / 569, 1);
  });

  it('downsamples 1000 ppi without aliasing and keeps the mean', () => {
    const img = stripes(400, 40, 18, 1000);
    const out = resampleToPpi(img);
    expect(out.width).toBe(200);
    expect(measuredPeriod(out)).toBeCloseTo(9, 1);
    const mean = out.data.reduce((s, v) => s + v, 0) / out.data.length;
    expect(mean).toBeGreaterThan(124);
    expect(mean).toBeLessThan(132);
  });
});
