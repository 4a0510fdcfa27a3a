import type { BinaryImage } from './binarization.ts';

/** Draws a skeleton from ASCII art: '#' is a ridge pixel. */
export function skeletonFrom(rows: string[]): BinaryImage {
  const height = rows.length;
  const width = rows[0].length;
  const data = new Uint8Array(width * height);
  rows.forEach((r, y) => {
    for (let x = 0; x < width; x++) data[y * width + x] = r[x] === '#' ? 1 : 0;
  });
  return { width, height, data };
}
