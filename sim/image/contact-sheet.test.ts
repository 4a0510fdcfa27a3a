import { describe, expect, it } from 'vitest';
import { contactSheet } from './contact-sheet.ts';
import { createGrayImage } from './gray-image.ts';

describe('contactSheet', () => {
  it('places tiles row by row, centred in equal cells, with gaps of the background gray', () => {
    const a = createGrayImage(4, 2, 500, 10);
    const b = createGrayImage(2, 4, 500, 20);
    const c = createGrayImage(4, 4, 500, 30);
    const s = contactSheet([a, b, c], { columns: 2, gap: 1, background: 200 });
    expect([s.width, s.height]).toEqual([1 + 2 * 5, 1 + 2 * 5]);
    const at = (x: number, y: number) => s.data[y * s.width + x];
    expect(at(0, 0)).toBe(200);
    expect(at(1, 2)).toBe(10); // a, centred vertically in its 4×4 cell
    expect(at(1, 1)).toBe(200);
    expect(at(7, 1)).toBe(20); // b, centred horizontally in the second cell
    expect(at(6, 1)).toBe(200);
    expect(at(1, 6)).toBe(30); // c starts the second row
  });

  it('refuses an empty list', () => {
    expect(() => contactSheet([], { columns: 3 })).toThrow(/at least one/);
  });
});
