import { describe, expect, it } from 'vitest';
import { compare } from '../matcher/mcc/comparison.ts';
import { FINGER_POSITIONS, type FingerPosition } from './finger-position.ts';
import { templateOnlyImpression, templateOnlyMaster } from './template-only.ts';

const masters = Array.from({ length: 20 }, (_, i) =>
  templateOnlyMaster('to-slow', i, FINGER_POSITIONS[i % 10] as FingerPosition),
);

describe('template-only impressions under the MCC matcher', () => {
  it('score as mates and non-mates do under the MCC matcher', () => {
    const prints = masters
      .slice(0, 20)
      .map((m) => [templateOnlyImpression(m, 1), templateOnlyImpression(m, 2)]);
    const genuine = prints.map(([a, b]) => compare(a, b));
    const impostor: number[] = [];
    for (let i = 0; i < prints.length; i++) {
      for (let j = i + 1; j < prints.length; j++) impostor.push(compare(prints[i][0], prints[j][0]));
    }
    impostor.sort((a, b) => a - b);
    const meanGenuine = genuine.reduce((a, b) => a + b, 0) / genuine.length;
    // Measured on rendered impressions with extracted minutiae (bench --scores): genuine mean 0.30.
    expect(meanGenuine).toBeGreaterThan(0.2);
    expect(meanGenuine).toBeLessThan(0.45);
    expect(impostor[Math.floor(impostor.length * 0.99)]).toBeLessThan(0.05);
  });
});
