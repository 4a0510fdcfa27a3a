import { describe, expect, it } from 'vitest';
import { upperBound } from '../requirements/binomial-bounds.ts';
import { fullSampleSizes, quickSampleSizes, trialsToDemonstrate } from './sample-sizes.ts';

describe('biometric sample sizes', () => {
  it('follows the rule of 3 with no error allowed', () => {
    expect(trialsToDemonstrate(0.001, 0.95)).toBe(2995);
    expect(trialsToDemonstrate(0.02, 0.95)).toBe(149);
    expect(trialsToDemonstrate(0.01, 0.95)).toBe(299);
  });

  it('gives the smallest sample whose upper bound with one error is within the claim', () => {
    for (const limit of [0.001, 0.01, 0.02]) {
      const n = trialsToDemonstrate(limit, 0.95, 1);
      expect(upperBound(1, n, 0.95)).toBeLessThanOrEqual(limit);
      expect(upperBound(1, n - 1, 0.95)).toBeGreaterThan(limit);
    }
  });

  it('in quick mode demonstrates the 2 % claims and leaves FMR and FPIR short, saying so', () => {
    const q = quickSampleSizes();
    expect(q.matedEnrolments).toBe(149);
    expect(q.genuineVerifications).toBe(149);
    expect(q.nonmatedEnrolments + q.matedEnrolments).toBeGreaterThanOrEqual(149);
    expect(q.impostorVerifications).toBeLessThan(2995);
    expect(q.rationale).toMatch(/FMR 2995/);
  });

  it('in full mode demonstrates every claim even with one error', () => {
    const f = fullSampleSizes();
    expect(upperBound(1, f.impostorVerifications, 0.95)).toBeLessThanOrEqual(0.001);
    expect(upperBound(1, f.genuineVerifications, 0.95)).toBeLessThanOrEqual(0.02);
    expect(upperBound(1, f.nonmatedEnrolments, 0.95)).toBeLessThanOrEqual(0.01);
    expect(upperBound(1, f.matedEnrolments, 0.95)).toBeLessThanOrEqual(0.02);
    expect(f.matedEnrolments).toBeLessThanOrEqual(f.nonmatedEnrolments);
  });
});
