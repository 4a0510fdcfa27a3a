import { describe, expect, it } from 'vitest';
import { stream } from '../../random/index.ts';
import { genuineMate, moveTemplate, syntheticFinger } from './synthetic-minutiae.ts';

describe('synthetic minutiae', () => {
  const f = syntheticFinger(stream('synthetic-minutiae', 1), { count: 45 });

  it('places the wanted number of minutiae, spaced, inside the image', () => {
    expect(f.minutiae.length).toBe(45);
    for (const m of f.minutiae) {
      expect(m.x).toBeGreaterThan(0);
      expect(m.y).toBeLessThan(f.height);
      for (const o of f.minutiae)
        if (o !== m) expect(Math.hypot(m.x - o.x, m.y - o.y)).toBeGreaterThanOrEqual(14);
    }
  });

  it('is the same for the same stream', () => {
    expect(syntheticFinger(stream('synthetic-minutiae', 1), { count: 45 })).toEqual(f);
  });

  it('moves rigidly: a turn there and back is the identity', () => {
    const back = moveTemplate(moveTemplate(f, 0.5, 0, 0), -0.5, 0, 0);
    back.minutiae.forEach((m, i) => {
      expect(m.x).toBeCloseTo(f.minutiae[i].x, 9);
      expect(m.y).toBeCloseTo(f.minutiae[i].y, 9);
    });
  });

  it('makes a mate that loses and gains minutiae and crops to the image', () => {
    const mate = genuineMate(stream('synthetic-minutiae', 'mate'), f, {
      drop: 0.3,
      add: 0,
      shiftX: 150,
      crop: true,
    });
    expect(mate.minutiae.length).toBeLessThan(f.minutiae.length * 0.85);
    for (const m of mate.minutiae) expect(m.x).toBeLessThan(f.width);
  });
});
