import { describe, expect, it } from 'vitest';
import { cleanSkeleton, filterMinutiae } from './false-minutiae-removal.ts';
import { detectMinutiae } from './minutiae-detection.ts';
import type { OrientationField } from './orientation-field.ts';
import type { RidgePeriodMap } from './ridge-frequency.ts';
import { skeletonFrom } from './skeleton.test-helper.ts';

function field(width: number, height: number): OrientationField {
  return {
    width,
    height,
    angle: new Float32Array(width * height),
    coherence: new Float32Array(width * height).fill(1),
    cell: 4,
    cellsX: 1,
    cellsY: 1,
    cellCos2: new Float32Array(1),
    cellSin2: new Float32Array(1),
  };
}

const periods: RidgePeriodMap = { block: 1000, blocksX: 1, blocksY: 1, period: new Float32Array([9]) };
const blank = '.'.repeat(60);
const line = (from: number, to: number) =>
  `${'.'.repeat(from)}${'#'.repeat(to - from)}${'.'.repeat(60 - to)}`;

describe('cleanSkeleton', () => {
  it('cuts a short spur off a ridge', () => {
    const s = skeletonFrom([
      blank,
      blank,
      blank,
      line(2, 58),
      `${'.'.repeat(30)}#${'.'.repeat(29)}`,
      `${'.'.repeat(31)}#${'.'.repeat(28)}`,
      blank,
    ]);
    expect(detectMinutiae(s).some((m) => m.type === 'bifurcation')).toBe(true);
    const clean = cleanSkeleton(s, field(60, 7), periods);
    expect(detectMinutiae(clean).map((m) => m.type)).toEqual(['ending', 'ending']);
  });

  it('joins a broken ridge and deletes a short fragment', () => {
    // One ridge broken by an 8-pixel gap along the flow: joined, only its two far ends remain.
    const gap = skeletonFrom([
      blank,
      `${line(2, 26).slice(0, 30)}${'.'.repeat(4)}${'#'.repeat(24)}..`,
      blank,
    ]);
    const joined = cleanSkeleton(gap, field(60, 3), periods);
    expect(detectMinutiae(joined).filter((m) => m.type === 'ending')).toHaveLength(2);
    const fragment = skeletonFrom([blank, line(20, 26), blank]);
    expect(detectMinutiae(cleanSkeleton(fragment, field(60, 3), periods))).toEqual([]);
  });

  it('cuts a bridge between two ridges', () => {
    const bridge = skeletonFrom([
      blank,
      line(2, 58),
      `${'.'.repeat(30)}#${'.'.repeat(29)}`,
      `${'.'.repeat(30)}#${'.'.repeat(29)}`,
      `${'.'.repeat(30)}#${'.'.repeat(29)}`,
      line(2, 58),
      blank,
    ]);
    expect(detectMinutiae(bridge).filter((m) => m.type === 'bifurcation')).toHaveLength(2);
    const clean = cleanSkeleton(bridge, field(60, 7), periods);
    expect(detectMinutiae(clean).filter((m) => m.type === 'bifurcation')).toHaveLength(0);
  });
});

describe('filterMinutiae', () => {
  it('drops minutiae near the edge, in incoherent regions and in close pairs', () => {
    const width = 100;
    const f = field(width, 100);
    const edge = new Float32Array(width * 100);
    for (let y = 0; y < 100; y++)
      for (let x = 0; x < width; x++) edge[y * width + x] = Math.min(x, y, 99 - x, 99 - y);
    const m = (x: number, y: number) => ({
      x,
      y,
      index: y * width + x,
      type: 'bifurcation' as const,
      direction: [1, 0] as [number, number],
    });
    f.coherence[60 * width + 60] = 0.01;
    const kept = filterMinutiae([m(3, 50), m(50, 50), m(60, 60), m(30, 30), m(33, 31)], edge, f, periods);
    expect(kept.map((k) => `${k.x},${k.y}`)).toEqual(['50,50']);
  });

  it('drops an ending whose open side faces the edge', () => {
    const width = 100;
    const edge = new Float32Array(width * 100);
    for (let y = 0; y < 100; y++)
      for (let x = 0; x < width; x++) edge[y * width + x] = Math.min(x, y, 99 - x, 99 - y);
    const ending = (x: number, dx: number) => ({
      x,
      y: 50,
      index: 50 * width + x,
      type: 'ending' as const,
      direction: [dx, 0] as [number, number],
    });
    const kept = filterMinutiae(
      [ending(12, 1), ending(75, -1), ending(25, -1)],
      edge,
      field(width, 100),
      periods,
    );
    expect(kept.map((k) => k.x)).toEqual([75, 25]);
  });
});
