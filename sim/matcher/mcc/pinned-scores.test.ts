import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PINNED_SCORES_FILE, type PinnedScores, pairScores, templateOf } from './pinned-scores.fixture.ts';

// Speed work on the comparison must not move a score: every ordered pair of 33 fixed templates
// (FVC extractions, synthetic impressions and minutiae sets, degenerate ones) keeps its pinned
// score bit for bit, with both cylinder configurations.
const pinned = JSON.parse(readFileSync(PINNED_SCORES_FILE, 'utf8')) as PinnedScores;
const templates = pinned.templates.map(templateOf);

function mismatches(actual: number[], expected: number[]): string[] {
  const names = pinned.templates.map((t) => t.name);
  const pairs = names.flatMap((a, i) => names.flatMap((b, j) => (i === j ? [] : [`${a} × ${b}`])));
  return expected.flatMap((e, k) => (actual[k] === e ? [] : [`${pairs[k]}: ${actual[k]} ≠ pinned ${e}`]));
}

describe('pinned 1:1 scores', () => {
  it('holds genuine and impostor pairs alike (the set is not trivial)', () => {
    expect(pinned.scores.default.length).toBe(templates.length * (templates.length - 1));
    expect(pinned.scores.default.filter((s) => s > 0.1).length).toBeGreaterThan(20);
    expect(pinned.scores.default.filter((s) => s === 0).length).toBeGreaterThan(50);
  });

  it('gives every pair its pinned score with the default cylinders (NS = 16)', () => {
    expect(mismatches(pairScores(templates, false), pinned.scores.default)).toEqual([]);
  });

  it('gives every pair its pinned score with the compact cylinders (NS = 8)', () => {
    expect(mismatches(pairScores(templates, true), pinned.scores.compact)).toEqual([]);
  });
});
