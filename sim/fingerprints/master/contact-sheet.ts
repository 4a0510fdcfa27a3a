import { createGrayImage, type GrayImage } from '../../image/gray-image.ts';
import type { MasterFingerprint } from '../master-fingerprint.ts';

/** Grey level of a ridge-map value: crests (+1) black, valleys (−1) and the background white. */
function grey(ridge: number, inside: number): number {
  return inside ? Math.round(127.5 * (1 - ridge)) : 255;
}

/**
 * Masters side by side on a white sheet, `columns` per row, each centred in a cell as large as the
 * largest master plus `gap` px: ridges dark, as a person expects a fingerprint to look.
 */
export function masterContactSheet(masters: readonly MasterFingerprint[], columns = 5, gap = 16): GrayImage {
  if (masters.length === 0) throw new RangeError('a contact sheet needs at least one master');
  const cellW = Math.max(...masters.map((m) => m.width)) + gap;
  const cellH = Math.max(...masters.map((m) => m.height)) + gap;
  const rows = Math.ceil(masters.length / columns);
  const sheet = createGrayImage(cellW * Math.min(columns, masters.length), cellH * rows);
  const data = sheet.data as Uint8Array;
  masters.forEach((m, k) => {
    const ox = (k % columns) * cellW + ((cellW - m.width) >> 1);
    const oy = Math.floor(k / columns) * cellH + ((cellH - m.height) >> 1);
    for (let y = 0; y < m.height; y++) {
      for (let x = 0; x < m.width; x++) {
        const i = y * m.width + x;
        data[(oy + y) * sheet.width + ox + x] = grey(m.ridges[i], m.mask[i]);
      }
    }
  });
  return sheet;
}
