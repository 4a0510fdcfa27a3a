import { describe, expect, it } from 'vitest';
import { masterContactSheet } from './contact-sheet.ts';
import { generateMaster } from './master.ts';

describe('masterContactSheet', () => {
  it('lays masters out in a grid, ridges dark on white', () => {
    const a = generateMaster('sheet', 1, 5);
    const b = generateMaster('sheet', 1, 10);
    const sheet = masterContactSheet([a, b], 1, 10);
    expect(sheet.width).toBe(Math.max(a.width, b.width) + 10);
    expect(sheet.height).toBe(2 * (Math.max(a.height, b.height) + 10));
    expect(sheet.data[0]).toBe(255);
    let crest = -1;
    for (let i = 0; i < a.ridges.length && crest < 0; i++) if (a.mask[i] && a.ridges[i] > 0.99) crest = i;
    const ox = (sheet.width - a.width) >> 1;
    const oy = (Math.max(a.height, b.height) + 10 - a.height) >> 1;
    const x = crest % a.width;
    const y = (crest - x) / a.width;
    expect(sheet.data[(oy + y) * sheet.width + ox + x]).toBeLessThan(5);
    expect(() => masterContactSheet([])).toThrow(RangeError);
  });
});
