import { describe, expect, it } from 'vitest';
import { detectMinutiae } from './minutiae-detection.ts';
import { skeletonFrom } from './skeleton.test-helper.ts';

describe('detectMinutiae', () => {
  it('finds endings (crossing number 1) and bifurcations (3), not plain ridge pixels', () => {
    const s = skeletonFrom([
      '................',
      '.#######........',
      '........#.......',
      '.........######.',
      '........#.......',
      '.......#........',
      '......#.........',
      '................',
    ]);
    const found = detectMinutiae(s).map((m) => `${m.type}@${m.x},${m.y}`);
    expect(found.sort()).toEqual(['bifurcation@9,3', 'ending@1,1', 'ending@14,3', 'ending@6,6'].sort());
  });

  it('reports nothing on a closed loop', () => {
    const s = skeletonFrom(['.......', '..###..', '.#...#.', '.#...#.', '..###..', '.......']);
    expect(detectMinutiae(s)).toEqual([]);
  });
});
