import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MasterFingerprint } from '../master-fingerprint.ts';
import { generateMaster } from './master.ts';

function digest(m: MasterFingerprint): string {
  const h = createHash('sha256');
  for (const a of [m.mask, m.orientation, m.period, m.ridges])
    h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  h.update(JSON.stringify([m.patternClass, m.width, m.height, m.singularPoints, m.minutiae]));
  return h.digest('hex');
}

/** Minutiae inside a window of FVC2002 DB1's size (388 × 374) centred on the pattern. */
function inFvcWindow(m: MasterFingerprint): number {
  const cx = m.singularPoints.length
    ? m.singularPoints.reduce((a, p) => a + p.x, 0) / m.singularPoints.length
    : m.width / 2;
  const cy = Math.min(m.height - 187, Math.max(187, m.height * 0.5));
  return m.minutiae.filter((q) => Math.abs(q.x - cx) <= 194 && Math.abs(q.y - cy) <= 187).length;
}

describe('generateMaster', () => {
  it('is deterministic and independent of what was made before', () => {
    const a1 = digest(generateMaster('det', 7, 5));
    const b1 = digest(generateMaster('det', 8, 10));
    const b2 = digest(generateMaster('det', 8, 10));
    const a2 = digest(generateMaster('det', 7, 5));
    expect(a2).toBe(a1);
    expect(b2).toBe(b1);
    expect(a1).not.toBe(b1);
    expect(digest(generateMaster('det2', 7, 5))).not.toBe(a1);
  });

  it('reports every stage to the trace hook, in pipeline order', () => {
    const stages: string[] = [];
    generateMaster('trace', 1, 5, {}, (stage) => stages.push(stage));
    expect(stages).toEqual([
      'area',
      'class',
      'singular-points',
      'orientation',
      'period',
      'ridges',
      'minutiae',
    ]);
  });

  it('fills the documented fields: NaN maps off the finger, forced class honoured', () => {
    const m = generateMaster('fields', 3, 8, { patternClass: 'tented-arch' });
    expect(m.patternClass).toBe('tented-arch');
    expect(m.singularPoints.map((p) => p.type).sort()).toEqual(['core', 'delta']);
    const outside = m.mask.indexOf(0);
    expect(Number.isNaN(m.orientation[outside])).toBe(true);
    expect(Number.isNaN(m.period[outside])).toBe(true);
    const inside = m.mask.indexOf(1);
    expect(m.orientation[inside]).toBeGreaterThanOrEqual(0);
    expect(m.orientation[inside]).toBeLessThan(Math.PI);
    for (const q of m.minutiae) {
      expect(m.mask[q.y * m.width + q.x]).toBe(1);
      expect(q.angle).toBeGreaterThanOrEqual(0);
      expect(q.angle).toBeLessThan(2 * Math.PI);
    }
  });

  it('holds about 30–60 minutiae in an FVC-size 388 × 374 window and more over the whole finger', () => {
    const masters = [
      generateMaster('count', 1, 2),
      generateMaster('count', 2, 3),
      generateMaster('count', 3, 7),
    ];
    const windowCounts = masters.map(inFvcWindow);
    const mean = windowCounts.reduce((a, b) => a + b, 0) / masters.length;
    expect(mean).toBeGreaterThan(30);
    expect(mean).toBeLessThan(70);
    for (const [i, m] of masters.entries()) {
      expect(windowCounts[i]).toBeGreaterThanOrEqual(12);
      expect(m.minutiae.length).toBeGreaterThanOrEqual(windowCounts[i]);
    }
  });
});
