import { createGrayImage, type GrayImage } from './gray-image.ts';

export interface ContactSheetOptions {
  /** Tiles per row. */
  readonly columns: number;
  /** Pixels between cells and around the sheet. */
  readonly gap?: number;
  /** Gray of the gaps. */
  readonly background?: number;
}

/**
 * Lays grayscale images out on a grid, row by row, each centred in a cell as large as the largest
 * tile, so that images of different sensors can be compared side by side at their true scale.
 */
export function contactSheet(tiles: readonly GrayImage[], options: ContactSheetOptions): GrayImage {
  if (tiles.length === 0) throw new RangeError('a contact sheet needs at least one image');
  const columns = Math.max(1, Math.min(options.columns, tiles.length));
  const gap = options.gap ?? 8;
  const cellW = Math.max(...tiles.map((t) => t.width));
  const cellH = Math.max(...tiles.map((t) => t.height));
  const rows = Math.ceil(tiles.length / columns);
  const sheet = createGrayImage(
    gap + columns * (cellW + gap),
    gap + rows * (cellH + gap),
    tiles[0].ppi,
    options.background ?? 128,
  );
  const out = sheet.data as Uint8Array;
  tiles.forEach((t, i) => {
    const x0 = gap + (i % columns) * (cellW + gap) + ((cellW - t.width) >> 1);
    const y0 = gap + Math.floor(i / columns) * (cellH + gap) + ((cellH - t.height) >> 1);
    for (let y = 0; y < t.height; y++)
      out.set(t.data.subarray(y * t.width, (y + 1) * t.width), (y0 + y) * sheet.width + x0);
  });
  return sheet;
}
