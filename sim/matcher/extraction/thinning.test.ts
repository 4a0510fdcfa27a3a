import { describe, expect, it } from 'vitest';
import type { BinaryImage } from './binarization.ts';
import { CROSSING_NUMBER } from './skeleton-tracing.ts';
import { neighbourByte, thin } from './thinning.ts';

function draw(width: number, height: number, on: (x: number, y: number) => boolean): BinaryImage {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = on(x, y) ? 1 : 0;
  return { width, height, data };
}

function neighbourCounts(img: BinaryImage): number[] {
  const counts: number[] = [];
  for (let i = 0; i < img.data.length; i++) {
    if (!img.data[i]) continue;
    const n = neighbourByte(img.data, i, img.width);
    let c = 0;
    for (let k = 0; k < 8; k++) c += (n >> k) & 1;
    counts.push(c);
  }
  return counts;
}

describe('thin', () => {
  it('reduces a thick diagonal bar to a one-pixel line with two ends', () => {
    const bar = draw(60, 60, (x, y) => Math.abs(x - y) <= 3 && x > 8 && x < 50);
    const skel = thin(bar);
    const counts = neighbourCounts(skel);
    expect(counts.length).toBeGreaterThan(30);
    expect(counts.filter((c) => c === 1)).toHaveLength(2);
    expect(counts.every((c) => c <= 2)).toBe(true);
  });

  it('keeps a ring closed (no ends) and the topology of a fork', () => {
    const ring = thin(draw(60, 60, (x, y) => Math.abs(Math.hypot(x - 30, y - 30) - 15) <= 3));
    const counts = neighbourCounts(ring);
    expect(counts.length).toBeGreaterThan(60);
    expect(counts.every((c) => c === 2)).toBe(true);
    const fork = thin(
      draw(
        60,
        60,
        (x, y) =>
          (Math.abs(y - 30) <= 2 && x > 5 && x < 30) ||
          (x >= 28 && x < 55 && Math.abs(Math.abs(y - 30) - (x - 28) * 0.6) <= 2),
      ),
    );
    let bifurcations = 0;
    let endings = 0;
    for (let i = 0; i < fork.data.length; i++) {
      if (!fork.data[i]) continue;
      const cn = CROSSING_NUMBER[neighbourByte(fork.data, i, fork.width)];
      if (cn === 3) bifurcations++;
      if (cn === 1) endings++;
    }
    expect(bifurcations).toBe(1);
    expect(endings).toBe(3);
  });
});
