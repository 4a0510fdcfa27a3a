import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stream } from '../../random/index.ts';
import type { FingerTemplate } from '../template.ts';
import { type BitCylinders, packBitCylinders } from './bit-cylinder.ts';
import { buildBitCylinders } from './bit-cylinder-builder.ts';
import { buildCylinders, discCellCount } from './cylinder.ts';
import { COMPACT_CYLINDER, PAPER_CYLINDER } from './mcc-parameters.ts';
import { minutiaPoints } from './minutia-points.ts';
import { PINNED_SCORES_FILE, type PinnedScores, templateOf } from './pinned-scores.fixture.ts';
import { genuineMate, syntheticFinger } from './synthetic-minutiae.ts';

// The fast builder must give the very bits of the float cylinders packed (the paper's definition,
// cylinder.ts + bit-cylinder.ts): every array of every template, both cylinder configurations.
const pinned = JSON.parse(readFileSync(PINNED_SCORES_FILE, 'utf8')) as PinnedScores;

function templates(): { name: string; template: FingerTemplate }[] {
  const out = pinned.templates.map((t) => ({ name: t.name, template: templateOf(t) }));
  for (let i = 0; i < 12; i++) {
    const r = stream('bit-cylinder-builder', i);
    const finger = syntheticFinger(r, { count: 20 + 5 * i });
    out.push({ name: `synthetic ${i}`, template: finger });
    const mate = genuineMate(r, finger, {
      rotation: r.uniform(-3, 3),
      shiftX: r.uniform(-80, 80),
      shiftY: r.uniform(-80, 80),
      crop: i % 2 === 0,
    });
    out.push({ name: `synthetic ${i} mate`, template: mate });
  }
  // Minutiae on a lattice: cell centres and neighbours at exact, repeated distances.
  const lattice = Array.from({ length: 36 }, (_, k) => ({
    x: 100 + 17.5 * (k % 6),
    y: 100 + 17.5 * Math.floor(k / 6),
    angle: (k * Math.PI) / 6,
    type: 'ending' as const,
    quality: 60,
  }));
  out.push({
    name: 'lattice',
    template: { width: 300, height: 300, ppi: 500, quality: 0, minutiae: lattice },
  });
  out.push({
    name: 'lattice at 1000 ppi',
    template: { width: 600, height: 600, ppi: 1000, quality: 0, minutiae: lattice },
  });
  return out;
}

function reference(t: FingerTemplate, p: typeof PAPER_CYLINDER): BitCylinders {
  const points = minutiaPoints(t);
  return packBitCylinders(buildCylinders(points, p), points, discCellCount(p));
}

describe('buildBitCylinders', () => {
  for (const [name, p] of [
    ['NS = 16', PAPER_CYLINDER],
    ['NS = 8', COMPACT_CYLINDER],
  ] as const)
    it(`gives the packed float cylinders bit for bit (${name})`, () => {
      let cylinders = 0;
      for (const { name: which, template } of templates()) {
        const fast = buildBitCylinders(minutiaPoints(template), p);
        const slow = reference(template, p);
        cylinders += slow.count;
        expect({ which, ...fast }).toEqual({ which, ...slow });
      }
      expect(cylinders).toBeGreaterThan(500);
    });

  it('keeps nothing of one template in the next (scratch buffers are reset)', () => {
    const big = syntheticFinger(stream('bit-cylinder-builder', 'big'), { count: 80 });
    const small = syntheticFinger(stream('bit-cylinder-builder', 'small'), { count: 15 });
    buildBitCylinders(minutiaPoints(big), PAPER_CYLINDER);
    expect(buildBitCylinders(minutiaPoints(small), PAPER_CYLINDER)).toEqual(reference(small, PAPER_CYLINDER));
  });
});
